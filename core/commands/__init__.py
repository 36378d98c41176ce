"""One module per `python -m core` subcommand, each with `run(args) -> exit status`."""
