"""MkDocs adapter for Casebook: validates every review and adds the cross-review pages in memory.

A thin layer: all rules and indexes live in the casebook package, which never imports MkDocs.
What a build holds lives in one BuildState (build_state.py), started afresh in on_config: hooks are
loaded once per process, so with `mkdocs serve` a module's state would outlive its build.

The speed machinery (casebook.speed.switch) is decided once, in on_config, from the validated
`extra.casebook.parallel` and from the other plugins' page events; forking happens only in
on_files, before any thread is started (search.py starts Pagefind's in on_nav), and in
on_post_build, after they have all ended.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import build_state
import site_update
from generated import GeneratedFile
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, set_exclusions
from render_ahead import RenderAhead, put_in_place

from casebook.checks.problems import summary_line
from casebook.library.collection import load_project
from casebook.model import labels
from casebook.model.vocabulary import VocabularyError
from casebook.pages import briefing, browse
from casebook.pages import themes as pages
from casebook.pages.field_reference import with_field_reference
from casebook.pages.registry import generated_files
from casebook.preview import banner
from casebook.preview.review_cache import ReviewCache, with_last_good
from casebook.site_options import SiteOptionsError, read_site_options
from casebook.speed.processes import other_threads
from casebook.speed.switch import CASEBOOK_PAGE_CONTENT_PRIORITY, RENDER_AHEAD_BYPASSES, STAMPING_BYPASSES, Handler, decide_speed

log = logging.getLogger("mkdocs.hooks.casebook")

# The macros plugin logs its modules, variables and filters at info level on every build (a dozen
# lines a save under `mkdocs serve`); its warnings and errors still show.
for _chatter in ("mkdocs.plugins.mkdocs_macros", "mkdocs.plugins.mkdocs_macros.util"):
    logging.getLogger(_chatter).setLevel(logging.WARNING)

# Casebook's own hooks, beside this file: their page events are the speed machinery's own.
CASEBOOK_HOOKS = ("library.py", "search.py", "csp.py")

# Under `mkdocs serve` only: the reviews read so far, by file and content, kept across rebuilds (a
# save re-reads the one file it changed), and the last version of each file without errors. Not
# build state: outliving the build is its point. `mkdocs build` reads every file, every time.
_reviews_read = ReviewCache()
# The last library the preview showed, for a save that breaks the vocabulary itself.
_last_library = None
_compiled_templates = site_update.CompiledTemplates()
# Under `mkdocs serve` only: the server's builder, which updates the site after a save to reviews
# where it can (site_update.py); on_serve puts it in place, this module's hooks tell it what each
# full build made.
_site_update: site_update.SiteUpdate | None = None
_first_build: site_update.LastBuild | None = None


def on_startup(command: str, dirty: bool) -> None:
    build_state.serving = command == "serve"


def on_serve(server, config, builder):
    """Saves to reviews update the site in place; every page served says what to fix, while a
    review has errors (the banner lives only in what the server sends, never in site_dir)."""
    global _site_update
    # search.py as MkDocs loaded it (a hook is its own module, not one to import again).
    search = next(module for name, module in config.hooks.items() if Path(name).name == "search.py")
    _site_update = site_update.SiteUpdate(builder, _library_after_a_save, search.cancel_reindexing, search.reindex_later)
    _site_update.last = _first_build
    server.builder = _site_update
    send = server._inject_js_into_html  # MkDocs' own live-reload step for each HTML response
    contributing = server.mount_path + "contributing/"

    def with_preview_banner(content: bytes, epoch) -> bytes:
        problems = build_state.current.preview_problems
        if problems:
            content = banner.with_banner(content.decode("utf-8"), banner.banner_html(problems, contributing)).encode("utf-8")
        return send(content, epoch)

    server._inject_js_into_html = with_preview_banner
    answer = server._serve_request  # MkDocs' own answer to each request

    def when_written(environ, start_response):
        # A page an update is still making is answered once it is written, never stale.
        path = environ.get("PATH_INFO", "")
        if path.startswith(server.mount_path):
            path = path[len(server.mount_path):]
            _site_update.wait_until_written(path + "index.html" if path.endswith("/") or not path else path)
        return answer(environ, start_response)

    server._serve_request = when_written
    return server


def _library_after_a_save(root: Path, last):
    """The library as a save left it, for an update (None: the update cannot show it, build instead)."""
    library = load_project(root, [root / "docs" / "reviews"], speed=build_state.current.speed, cache=_reviews_read,
                           vocabulary=last.vocabulary)
    if not library.errors:
        return library, []
    library, problems, never_good = _as_previewed(library)
    return (None if never_good else library), problems


def _as_previewed(library):
    """A library with errors as the preview shows it: each review with errors as its last version
    without (casebook.preview.review_cache), the problem lines every served page carries (on_serve),
    and the files never yet without errors, which the preview leaves out. Says so in the log."""
    problems = [str(p) for p in library.errors]
    for line in [str(p) for p in library.problems] + [summary_line(library.problems, library.files_checked)]:
        log.info(f"preview: {line}")
    shown, never_good = with_last_good(library, _reviews_read)
    return shown, problems, never_good


def _project_root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _other_page_handlers(config) -> list[Handler]:
    """The handlers of the page events the speed machinery bypasses, registered by plugins and
    hooks other than Casebook's own and the macros plugin (which review pages and briefings turn
    off with render_macros: false)."""
    here = Path(__file__).resolve().parent
    ours = {here / hook for hook in CASEBOOK_HOOKS}
    # Whose each handler is: config.plugins holds the plugins and the hooks (modules), by name.
    skip = {name for name, module in config.hooks.items() if Path(module.__file__).resolve() in ours} | {"macros"}
    events = list(dict.fromkeys(STAMPING_BYPASSES + RENDER_AHEAD_BYPASSES))
    owners = {(event, getattr(plugin, "on_" + event, None)): name
              for name, plugin in config.plugins.items() for event in events}
    return [Handler(owners.get((event, method), "an unnamed plugin"), event, getattr(method, "mkdocs_priority", 0))
            for event in events for method in config.plugins.events[event]
            if owners.get((event, method)) not in skip]


def on_config(config):
    state = build_state.begin()
    source = Path(config.config_file_path or "mkdocs.yml").name
    try:
        state.options = read_site_options(config.extra, source)
    except SiteOptionsError as exc:
        raise PluginError(str(exc)) from exc
    # Threads already running (the preview server's, when `mkdocs serve` rebuilds) rule out forking.
    state.speed = decide_speed(state.options.parallel, _other_page_handlers(config), other_threads())
    if state.speed.stepped_aside:
        log.info(state.speed.stepped_aside)
    return config


def on_files(files: Files, config) -> Files:
    """Validate the whole library first, so that every problem is reported in one run."""
    global _last_library
    state = build_state.current
    root = _project_root(config)
    cache = _reviews_read if build_state.serving else None
    try:
        library = load_project(root, [Path(config.docs_dir) / "reviews"], speed=state.speed, cache=cache)
    except VocabularyError as exc:
        if not (build_state.serving and _last_library is not None):
            raise PluginError(str(exc)) from exc
        # The preview keeps showing the last library it could read, and says why.
        state.preview_problems = [str(exc)]
        library = _last_library
        log.info(f"preview: {exc}")
    if library.errors:
        if not build_state.serving:
            raise PluginError("\n".join([str(p) for p in library.problems]
                                        + [summary_line(library.problems, library.files_checked)]))
        library, state.preview_problems, never_good = _as_previewed(library)
        for path in never_good:
            dropped = files.get_file_from_path(Path(path).resolve().relative_to(Path(config.docs_dir).resolve()).as_posix())
            if dropped is not None:
                files.remove(dropped)
    elif not state.preview_problems:
        _last_library = library
    state.reviews_read = cache.read_count if cache is not None else library.files_checked
    for problem in ([] if library.errors else library.problems):
        # Warnings (facts not stated) must not fail the strict build: log them below warning level.
        log.info(str(problem))
    held_back = state.speed.held_back(len(library.reviews))
    if held_back:
        log.info(held_back)
    state.library = library
    makers = generated_files(library, site_url=config.site_url, site_name=config.site_name,
                             stamp_briefings=state.speed.stamp_briefings)
    if build_state.serving:
        # Taken before the pages are made: a file saved meanwhile is seen by the next update.
        state.preview_signature = site_update.project_signature(root, Path(config.docs_dir))
    generated = {}
    state.generated = set(makers)
    for src_uri in makers:
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri}: this page is generated by Casebook; delete or rename the file")
        generated[src_uri] = GeneratedFile.named(config, src_uri)
        files.append(generated[src_uri])
    # Every file is known now, so review pages can be rendered (their links resolved) in a second
    # process while this one makes the generated pages' contents.
    set_exclusions(files, config)
    _start_rendering_ahead(state, config, files)
    for src_uri, make in makers.items():
        # A page's Markdown is made when MkDocs reads it; a download is made and written now.
        generated[src_uri].made_by(make)
    state.files = files
    return files


def _start_rendering_ahead(state: build_state.BuildState, config, files: Files) -> None:
    state.stop_rendering_ahead()
    library = state.library
    if library is None or not state.speed.renders_ahead(len(library.reviews)):
        return
    # In the order MkDocs renders pages: this process renders the first third, the second process
    # the rest. A third, because this process also runs every page's hooks and renders the other
    # pages (the list of all reviews among them): measured at 2,000 reviews, 3.9 ms a review page
    # here against 2.4 ms there, so that both finish together.
    uris = [f.src_uri for f in files.documentation_pages() if _review_for_uri(f.src_uri) is not None]
    mine = len(uris) // 3
    log.info(f"rendering {len(uris) - mine} of {len(uris)} review pages in a second process")
    state.ahead = RenderAhead(config, files, uris[mine:],
                              lambda uri: pages.review_page(_review_for_uri(uri), library.vocabulary)[0])


def _review_for(page):
    return _review_for_uri(page.file.src_uri)


def _review_for_uri(uri: str):
    library = build_state.current.library
    if library is None or not uri.startswith("reviews/") or uri.count("/") != 1 or uri == "reviews/index.md":
        return None
    return library.review(uri[len("reviews/"):-len(".md")])


def on_nav(nav, config, files):
    site_update.give_to_macros(config, build_state.current.library)
    build_state.current.nav = nav
    return nav


def on_env(env, config, files):
    state = build_state.current
    state.stop_rendering_ahead()  # every page is rendered
    if build_state.serving:
        # MkDocs makes a new template environment each build: under serve, templates are compiled
        # once (a template whose source changed is compiled again: the cache checks its text).
        env.bytecode_cache = _compiled_templates
    state.env = env
    return env


def on_build_error(error):
    build_state.current.stop_rendering_ahead()
    if _site_update is not None:
        _site_update.last = None  # a half-written site is nothing to update


def on_page_read_source(page, config):
    """Review files were read once, by Casebook, in on_files; on_page_markdown replaces whatever
    MkDocs would read. Reading them again would parse every front matter a second time (with
    PyYAML: 0.8 s at 2,000 reviews) for nothing."""
    return "" if _review_for(page) is not None else None


@event_priority(100)  # before the macros plugin, so that it sees render_macros: false on review pages
def on_page_markdown(markdown: str, page, config, files) -> str:
    state = build_state.current
    library = state.library
    if library is None:
        return markdown
    uri = page.file.src_uri
    if uri == "contributing.md":
        # The field reference is generated from the model and the vocabulary, never hand-copied.
        return with_field_reference(markdown, library.vocabulary)
    if _is_theme_page(page) or browse.is_review_list(uri) or uri == "actions/index.md":
        markdown, state.set_aside[uri] = pages.set_aside_blocks(markdown)
        return markdown
    if not state.speed.stamp_briefings:
        briefing_of = briefing.review_for_briefing(library, uri)
        if briefing_of is not None:
            # Escaped, as the stamped briefings' titles are: Material prints page.meta.title raw.
            page.meta["title"] = Markup(briefing.briefing_title_html(briefing_of))
            return markdown
    review = _review_for(page)
    if review is None:
        return markdown
    # A review's metadata is Casebook's validated values, never MkDocs' own read of the file: that
    # read keeps keys a contributor could add (render_macros, template, description), and Material
    # prints page.meta.title and page.title unescaped (header, nav, breadcrumbs, search). An escaped
    # Markup title prints escaped wherever it goes, and `| e` does not escape it twice.
    page.meta = {
        "template": "review.html", "title": Markup.escape(review.title), "render_macros": False,
        # For hooks/search.py, which indexes the review as soon as its body is rendered.
        "review": review, "vocabulary": library.vocabulary,
    }
    # Casebook's own parse of the file, not MkDocs' (which drops metadata it cannot read).
    markdown, state.set_aside[uri] = pages.review_page(review, library.vocabulary)
    if state.ahead is not None and uri in state.ahead.src_uris:
        return ""  # the second process renders it: MkDocs renders an empty page, put right in on_page_content
    return markdown


def _is_theme_page(page) -> bool:
    uri = page.file.src_uri
    # Agency pages are made like theme pages: their long blocks are set aside from Markdown too.
    return (uri.startswith(("themes/", "agencies/")) and uri.count("/") == 1
            and uri not in ("themes/index.md", "agencies/index.md"))


@event_priority(CASEBOOK_PAGE_CONTENT_PRIORITY)  # before any other hook reads the page's HTML
def on_page_content(html: str, page, config, files) -> str:
    state = build_state.current
    if state.ahead is not None and page.file.src_uri in state.ahead.src_uris:
        html = put_in_place(page, state.ahead.take(page.file.src_uri), files)
    blocks = state.set_aside.pop(page.file.src_uri, None)
    if not blocks:
        return html
    try:
        return pages.put_back_blocks(html, blocks)
    except ValueError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from exc


def on_post_build(config):
    """Every review's briefing, made from the one MkDocs rendered (a page each would double the build).

    After search.py's on_post_build (priority 50), which ends Pagefind's threads: this may fork."""
    state = build_state.current
    shell = None
    if state.library is not None and state.speed.stamp_briefings:
        site_dir = Path(config.site_dir)
        if build_state.serving and state.library.reviews:
            # Updates after a save stamp the saved reviews' briefings from it (site_update.py).
            shell = (site_dir / briefing.briefing_path(state.library.reviews[0])).read_text(encoding="utf-8")
        try:
            briefing.write_review_briefings(site_dir, state.library, config.site_url, state.speed, shell_html=shell)
        except briefing.BriefingError as exc:
            raise PluginError(f"overrides/briefing.html: {exc}") from exc
    if build_state.serving and state.library is not None and state.files is not None:
        last = site_update.LastBuild(config, state.files, state.nav, state.env, state.library,
                                     state.preview_signature, frozenset(state.generated), shell)
        if _site_update is None:
            global _first_build  # the first build comes before on_serve, which makes the server's builder
            _first_build = last
        else:
            _site_update.last = last
    log.info(_built_line(state))


def _built_line(state: build_state.BuildState) -> str:
    """What this build did, in one line: under `mkdocs serve`, how much a save cost."""
    library = state.library
    count = library.files_checked if library is not None else 0
    read = f"{state.reviews_read} of {count} review file{'' if count == 1 else 's'} read and checked"
    errors = f"; {len(state.preview_problems)} problem(s) shown on every page" if state.preview_problems else ""
    return (f"casebook: {read}, {state.pages_written} pages rendered{errors}; "
            f"{time.perf_counter() - state.started:.2f} s")


def on_page_context(context, page, config, nav):
    state = build_state.current
    review = _review_for(page)
    if review is not None:
        context["review"] = review
        context["vocabulary"] = state.library.vocabulary
        context["related"] = state.library.related.get(review.slug, [])
        # Names, dates for people ("March 2024") and the one wording for what is not stated.
        context["labels"] = labels
        # Agencies with a page worth visiting (something addressed to them) are links in the panel.
        context["agency_pages"] = state.library.agency_pages
    return context


# After every other page handler but csp.py's (which hashes the finished page's inline scripts).
@event_priority(-500)
def on_post_page(output: str, page, config) -> str:
    build_state.current.pages_written += 1
    return output
