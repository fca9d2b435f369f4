"""The per-instruction rows of the frontends' test projects, [DataRow("words", "asm", ...)], for
the tools beside those projects that (re)make their data."""
import re

ROW = re.compile(r'(\[DataRow\(")([^"]*)(",\s*")([^"]*)(")')


def fill_words(paths, assemble):
    """Rewrites each row's words as assemble(asm) gives them (rows whose asm starts with '#' keep
    their hand-made words) and says which files changed."""
    for path in paths:
        text = open(path).read()

        def fill(m):
            asm = m.group(4)
            if asm.startswith("#"):
                return m.group(0)
            return m.group(1) + assemble(asm) + m.group(3) + asm + m.group(5)
        new = ROW.sub(fill, text)
        if new != text:
            open(path, "w").write(new)
            print(f"updated {path}")
