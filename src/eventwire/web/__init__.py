"""The local web app over the store: pages with JSON and CSV twins, and a dyad chart.

`create_app(store)` gives a Starlette app; `eventwire serve` runs it with uvicorn.
Every page is one view function returning a `Page`; the app renders it as HTML, JSON
or CSV. Views only call `Store` methods; no SQL lives here.
"""

from eventwire.web.app import create_app, plotly_js

__all__ = ["create_app", "plotly_js"]
