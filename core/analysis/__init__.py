"""Analysis of the evidence over the review period: quarters, recency, strength, links, coverage, charts."""
