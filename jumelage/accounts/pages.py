"""A person's own page ("my space") gathers what each stage holds for them: the sides they
manage, their committee seats, their applications. Stages add their section from their
`AppConfig.ready()`: `MY_SPACE.add(name, order=…, template=…, context=fn)`, where `fn(user)`
returns the section's `panel` context, or None to hide it."""

from jumelage.core.registry import Sections

MY_SPACE = Sections("a person's own page")
