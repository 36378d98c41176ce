"""The user's own language model, optional and off by default: an OpenAI-compatible chat client
that talks only to this machine unless told otherwise (client.py, settings.py), the verifier that
holds every sentence to the evidence it was given (verify.py), and the three uses, each falling
back to the built-in result: polish a draft section (polish.py), a second opinion on a
low-confidence competency suggestion (opinion.py), the evidence that answers a review question
(choose.py)."""
