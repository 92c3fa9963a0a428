from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "jumelage.reports"

    def ready(self):
        from jumelage.matchmaking.pdf import FONTS
        from jumelage.reports.fonts import write_font

        # Matchmaking's agenda PDF draws with the reports' font (see matchmaking/pdf.py).
        FONTS.register("noto-sans-tc", 0, write_font)
