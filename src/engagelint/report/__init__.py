"""``engagelint report``: a self-contained HTML report for content leads (see ``report.html``)."""
