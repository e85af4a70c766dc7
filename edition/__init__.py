"""edition: a static-site generator for annotated digital editions.

Readers turn raw sources into an Article (model.py); transforms rewrite it; the
writer renders Markdown for MkDocs + Material. build.py is the command line.
"""

__version__ = "0.1.0"
