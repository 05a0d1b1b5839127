"""Sphinx extension for the course's API pages: each parameter's comment (fastcore's docments, the comment after the
parameter in its signature, as nbdev's own docs show them) and the return's, added to the docstring as fields."""
import inspect


def add_docments(app, what, name, obj, options, lines):
    # the library's docstrings are plain text, not reStructuredText: |x| is a norm, not a substitution
    lines[:] = [l.replace("|", "\\|") for l in lines]
    if what not in ("function", "method", "class"): return
    from fastcore.docments import docments
    target = obj.__init__ if what == "class" else obj
    if not (inspect.isfunction(target) or inspect.ismethod(target)): return
    try: docs = docments(target, full=True)
    except Exception: return  # no source (a C function, a built-in): the docstring alone
    fields = []
    for k, v in docs.items():
        if k in ("self", "cls") or not v.get("docment"): continue
        text = v["docment"].replace("|", "\\|")
        fields.append(f":returns: {text}" if k == "return" else f":param {k}: {text}")
    if fields: lines.extend([""] + fields)


def setup(app):
    app.connect("autodoc-process-docstring", add_docments)
    return {"parallel_read_safe": True}
