"""Keeping anchor locks in step with the build: what to write, what would be lost.

Locks change only through a successful build (the CLI writes them after docs/);
``check`` compares without writing. An anchor that was published can be retired but
never dropped: a build that would drop one stops with exit status 2.
"""

from __future__ import annotations

from pathlib import Path

from .anchor_lock import LOCK_SUFFIX, dump_lock, load_lock, lock_path, parse_lock
from .files import list_folder, write_atomically
from .errors import Problem
from .model import Article
from .summary import ArticleSummary
from .transforms.anchors import lock_from_article


def lock_updates(root: Path, locks: list[tuple[ArticleSummary, str]]) -> dict[Path, str]:
    """Lock files whose text would change, with their new text.

    ``locks`` pairs each article with the new text of its lock (``changed_lock_text``),
    worked out where the article was built.
    """
    updates = {}
    for article, text in locks:
        path = lock_path(root, article.source_path.split("/", 1)[-1])
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            updates[path] = text
    return updates


def lost_anchors(root: Path, articles: list[ArticleSummary], updates: dict[Path, str]) -> list[Problem]:
    """Published anchors that the new locks (``updates``, from lock_updates) would no longer contain.

    A lock whose text does not change loses nothing, so only updated locks are read.
    """
    problems = []
    for article in articles:
        name = article.source_path.split("/", 1)[-1]
        path = lock_path(root, name)
        if path not in updates:
            continue
        shown = f"sources/{path.name}"
        old = load_lock(path, shown, article.source_path).published_anchors()
        lost = sorted(old - parse_lock(updates[path], shown, article.source_path).published_anchors())
        if lost:
            problems.append(Problem(f"sources/{path.name}", f"the build would drop {len(lost)} published "
                                    f"anchor(s): {', '.join(lost[:8])}", None,
                                    hint="the article has no paragraph left to hold them; restore its text, "
                                         "or delete these entries from the lock deliberately (links will break)"))
    return problems


def orphan_locks(root: Path, sources_in_use: set[str], names: tuple[str, ...] | None = None) -> list[Problem]:
    """Locks of sources that are gone: their anchors would be lost without a word.

    ``names``: the entries of sources/ in name order, when the caller listed them already.
    """
    problems = []
    expected = {Path(name).stem + LOCK_SUFFIX for name in sources_in_use}
    if names is None:
        names = list_folder(root / "sources").names
    for name in names:
        if name.endswith(LOCK_SUFFIX) and name not in expected:
            problems.append(Problem(f"sources/{name}", "holds the published anchors of a source that is "
                                    "gone (no metadata file names it)", None,
                                    hint="restore the source and its .yml, or delete this lock file to retire "
                                         "those anchors deliberately (links to them will break)"))
    return problems


def lock_file_holds(root: Path, article: Article, text: str) -> bool:
    """Whether ``article``'s lock file exists and holds exactly ``text``."""
    try:
        return lock_path(root, article.source.path.split("/", 1)[-1]).read_text(encoding="utf-8") == text
    except FileNotFoundError:
        return False


def changed_lock_text(root: Path, article: Article) -> str | None:
    """The new text of ``article``'s lock file; None when the file already holds it.

    The anchor pass read the file; if it held exactly dump_lock of the lock it read
    (``article.canonical_lock``) and the article's lock is that same lock, the file holds
    its text already: the common case (sources unchanged) costs no YAML written and no
    second read. Otherwise the text is compared with the file, so that a file in any
    other layout (a comment, a label re-quoted by hand) is rewritten as the build writes it.
    (A lock saved by hand after the anchor pass read it is then left for the next build:
    the anchors were matched to what was read.)
    """
    lock = lock_from_article(article)
    if article.canonical_lock is not None and article.canonical_lock == lock:
        return None
    text = dump_lock(lock)
    return None if lock_file_holds(root, article, text) else text


def write_locks(updates: dict[Path, str]) -> None:
    for path, text in sorted(updates.items()):
        write_atomically(path, text)
