"""axe-core checks for browser tests.

axe-core comes with the axe-playwright-python package (axe.min.js in its
wheel), so nothing is fetched at test time.
"""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


def axe_violations(page):
    results = _axe.run(page, options=AXE_OPTIONS)
    return results.response["violations"]


def format_violations(url, violations):
    lines = [f"axe found {len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['failureSummary']}")
    return "\n".join(lines)


AXE_STYLE = "Applying inline style violates the following Content Security Policy"


class A11yTracker:
    """Remembers which pages a test visited and which ones axe checked."""

    def __init__(self, page):
        self.page = page
        self.unchecked = []
        self.console_errors = []
        page.on("framenavigated", self._navigated)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _navigated(self, frame):
        if frame == self.page.main_frame and frame.url != "about:blank":
            self.unchecked.append(frame.url)

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def check(self):
        self.page.wait_for_load_state("load")
        before = len(self.console_errors)
        violations = axe_violations(self.page)
        # axe itself copies stylesheets loaded through @import (the Django admin's forms.css)
        # into <style> elements to read them; our CSP blocks those, and Chromium reports it
        # shortly after. The page's own inline styles were reported while it loaded, before.
        self.page.wait_for_timeout(50)
        self.console_errors[before:] = [
            error for error in self.console_errors[before:] if not error.startswith(AXE_STYLE)
        ]
        assert not violations, format_violations(self.page.url, violations)
        self.unchecked.clear()

    def finish(self):
        skipped = self.unchecked[:-1]
        assert not skipped, f"pages visited without an axe check: {skipped}"
        if self.unchecked:
            self.check()
        assert not self.console_errors, f"browser console errors: {self.console_errors}"


def assert_accessible(page):
    """Run axe on the page the browser is on; fail with a readable list of violations."""
    page.a11y.check()
