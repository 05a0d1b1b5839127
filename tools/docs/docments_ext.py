"""Sphinx extension for the course's API pages: each parameter's comment (fastcore's docments, the comment after the
parameter in its signature, as nbdev's own docs show them) and the return's, added to the docstring as fields."""
import inspect


def add_docments(app, what, name, obj, options, lines):
    if what not in ("function", "method", "class"): return
    from fastcore.docments import docments
    target = obj.__init__ if what == "class" else obj
    if not (inspect.isfunction(target) or inspect.ismethod(target)): return
    try: docs = docments(target, full=True)
    except Exception: return  # no source (a C function, a built-in): the docstring alone
    fields = []
    for k, v in docs.items():
        if k in ("self", "cls") or not v.get("docment"): continue
        if k == "return": fields.append(f":returns: {v['docment']}")
        else: fields.append(f":param {k}: {v['docment']}")
    if fields: lines.extend([""] + fields)


def setup(app):
    app.connect("autodoc-process-docstring", add_docments)
    return {"parallel_read_safe": True}
