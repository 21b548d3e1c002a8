"""``khabar serve``: the corpus over HTTP (JSON API) and in a browser (the web reader)."""
