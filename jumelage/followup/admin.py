from django.contrib import admin

from jumelage.followup.models import Milestone, Outcome

admin.site.register(Milestone)
admin.site.register(Outcome)
