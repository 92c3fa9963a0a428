"""The registries of the pages core serves for every app: the home page's sections and
the links of the top bar. Later apps fill them from their `AppConfig.ready()`:

- `HOME_SECTIONS.add(name, order=…, template=…, context=fn)`: `fn(actor)` returns the
  section's `panel` context, or None to hide it.
- `NAVIGATION.add(name, order=…, template=…, context=fn)`: a link of the top bar for a
  signed-in person; `fn(user)` returns its context, or None to hide it.
"""

from jumelage.core.registry import Sections

HOME_SECTIONS = Sections("the home page's sections")
NAVIGATION = Sections("the top bar's links")
