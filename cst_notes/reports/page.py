"""The page around every document: letterhead, patient line, footer, "Page X of Y".

Each page carries the clinic letterhead (logo, name, address, phone, e-mail), the patient's
name and birth date, the date issued and "Page X of Y". The page count is known only at the
end, so the canvas keeps each finished page and stamps the numbers when the document is saved.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from cst_notes.domain.patient import Patient
from cst_notes.domain.settings import ClinicSettings

from .fonts import BASE_FONT
from .language import ENGLISH_TRANSLATOR, Translator
from .styles import ACCENT, MARGIN, MUTED, MUTED_HEX, RULE, Styles
from .text import Typesetter

PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": LETTER}
LOGO_MAX_HEIGHT = 20 * mm
LOGO_MAX_WIDTH = 45 * mm
TOP = 12 * mm  # from the top edge to the letterhead
FOOTER_Y = 10 * mm
LETTERHEAD_NAME_MAX = 90  # characters; longer clinic names, addresses are cut with "…"
LETTERHEAD_LINE_MAX = 160
LETTERHEAD_FOOTER_MAX = 110  # one line of small print


def _clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending in an ellipsis when cut (the letterhead stays small)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _metadata(text: str) -> str:
    """Text for the PDF's document information: lone surrogates (which no PDF can hold) become "?"."""
    return text.encode("utf-8", "replace").decode("utf-8")


def page_size(settings: ClinicSettings) -> tuple[float, float]:
    try:
        return PAGE_SIZES[settings.page_size]
    except KeyError:
        raise ValueError(f"unknown page size {settings.page_size!r}; expected one of {', '.join(PAGE_SIZES)}") from None


def read_logo(png: bytes | None) -> ImageReader | None:
    """The clinic logo as a reportlab image; ValueError if the bytes are not a readable image."""
    if not png:
        return None
    try:
        image = ImageReader(io.BytesIO(png))
        width, height = image.getSize()
    except Exception as exc:  # reportlab/Pillow raise many kinds of errors for bad images
        raise ValueError(f"the clinic logo cannot be read as an image ({exc})") from exc
    if width <= 0 or height <= 0:
        raise ValueError("the clinic logo has no pixels")
    return image


@dataclass(frozen=True)
class PageInfo:
    """What every page shows besides the document's own content."""

    settings: ClinicSettings
    patient: Patient
    issued_on: dt.date
    document_title: str
    tr: Translator = ENGLISH_TRANSLATOR
    continued: str = ""  # the heading repeated at the top of every page after the first, if any


class Letterhead:
    """Lays the letterhead, patient line and footer out once, and draws them on each page."""

    def __init__(self, info: PageInfo, ts: Typesetter, styles: Styles) -> None:
        self.info = info
        self.width, self.height = page_size(info.settings)
        s = info.settings
        self.logo = read_logo(s.logo_png)
        self.logo_size = (0.0, 0.0)
        if self.logo is not None:
            w, h = self.logo.getSize()
            scale = min(LOGO_MAX_HEIGHT / h, LOGO_MAX_WIDTH / w)
            self.logo_size = (w * scale, h * scale)
        name = _clip(s.clinic_name or s.therapist_name, LETTERHEAD_NAME_MAX)
        address = _clip(", ".join(line.strip() for line in s.address.splitlines() if line.strip()), LETTERHEAD_LINE_MAX)
        contact = _clip(" · ".join(x for x in (s.phone, s.email) if x), LETTERHEAD_LINE_MAX)
        self.clinic = [
            ts.para(text, style=style)
            for text, style in ((name, styles.clinic_name), (address, styles.small), (contact, styles.small))
            if text
        ]
        self.kind = ts.para(info.document_title, style=styles.small_right)
        p, tr = info.patient, info.tr
        born = tr.gettext("born {date}").format(date=tr.long_date(p.birth_date))
        self.patient_line = ts.para(ts.span(p.display_name, bold=True), f"  ·  {born}", style=styles.small)
        issued = tr.gettext("Issued {date}").format(date=tr.long_date(info.issued_on))
        self.issued = ts.para(issued, style=styles.small_right)
        footer = _clip(s.footer_text, LETTERHEAD_FOOTER_MAX)
        self.footer = ts.para(footer, style=styles.small) if footer else None
        self.text_x = MARGIN + (self.logo_size[0] + 4 * mm if self.logo else 0)
        kind_width = 50 * mm
        self.text_width = self.width - MARGIN - self.text_x - kind_width - 2 * mm
        self.kind_width = kind_width
        # Each paragraph is wrapped once, here, and drawn on every page with these sizes:
        # reportlab may lay a split long shaped word out differently when wrapped again.
        content_width = self.width - 2 * MARGIN
        self.issued_width = 55 * mm
        self.clinic_heights = [float(par.wrap(self.text_width, self.height)[1]) for par in self.clinic]
        self.kind_height = float(self.kind.wrap(kind_width, self.height)[1])
        self.patient_height = float(self.patient_line.wrap(content_width - self.issued_width, self.height)[1])
        self.issued_height = float(self.issued.wrap(self.issued_width, self.height)[1])
        self.footer_height = float(self.footer.wrap(content_width - 35 * mm, self.height)[1]) if self.footer else 0.0
        self.continued = ts.para(info.continued, style=styles.heading) if info.continued else None
        self.continued_height = float(self.continued.wrap(content_width, self.height)[1]) if self.continued else 0.0
        self.head_height = max(sum(self.clinic_heights), self.logo_size[1], 10 * mm)
        self.line_height = max(self.patient_height, self.issued_height)
        self._ts, self._styles = ts, styles

    def page_number(self, canvas: Canvas, number: int, total: int) -> None:
        """ "Page 2 of 3", bottom right; in Bengali or Hindi a shaped paragraph in that script."""
        tr = self.info.tr
        text = tr.gettext("Page {number} of {total}").format(number=tr.count(number), total=tr.count(total))
        if tr.english:
            canvas.setFont(BASE_FONT, 8.5)
            canvas.setFillColor(MUTED)
            canvas.drawRightString(self.width - MARGIN, FOOTER_Y + 2.5 * mm, text)
            return
        width = 60 * mm
        para = self._ts.para(self._ts.span(text, color=MUTED_HEX), style=self._styles.small_right)
        _, height = para.wrap(width, self.height)
        para.drawOn(canvas, self.width - MARGIN - width, FOOTER_Y + 5 * mm - height)

    @property
    def rule_y(self) -> float:
        return float(self.height - TOP - self.head_height - 3 * mm)

    @property
    def top_margin(self) -> float:
        """Distance from the top edge to where the document's content may start."""
        return float(TOP + self.head_height + 3 * mm + 3 * mm + self.line_height + 7 * mm)

    @property
    def continued_space(self) -> float:
        """The height the repeated heading takes at the top of a later page (0 when there is none)."""
        return self.continued_height + 3 * mm if self.continued else 0.0

    def draw_later(self, canvas: Canvas, doc: Any = None) -> None:
        """A page after the first: the letterhead, and the document's heading again, marked as continued."""
        self.draw(canvas, doc)
        if self.continued is not None:
            self.continued.drawOn(canvas, MARGIN, self.height - self.top_margin - self.continued_height)

    @property
    def bottom_margin(self) -> float:
        return float(FOOTER_Y + 12 * mm)

    def draw(self, canvas: Canvas, _doc: Any = None) -> None:
        canvas.saveState()
        top = self.height - TOP
        if self.logo is not None:
            lw, lh = self.logo_size
            canvas.drawImage(self.logo, MARGIN, top - lh, lw, lh, mask="auto")
        y = top
        for par, h in zip(self.clinic, self.clinic_heights, strict=True):
            par.drawOn(canvas, self.text_x, y - h)
            y -= h
        self.kind.drawOn(canvas, self.width - MARGIN - self.kind_width, top - self.kind_height)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        canvas.line(MARGIN, self.rule_y, self.width - MARGIN, self.rule_y)
        line_top = self.rule_y - 3 * mm
        self.patient_line.drawOn(canvas, MARGIN, line_top - self.patient_height)
        self.issued.drawOn(canvas, self.width - MARGIN - self.issued_width, line_top - self.issued_height)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, FOOTER_Y + 7 * mm, self.width - MARGIN, FOOTER_Y + 7 * mm)
        if self.footer is not None:
            self.footer.drawOn(canvas, MARGIN, FOOTER_Y + 5.5 * mm - self.footer_height)
        canvas.restoreState()


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that stamps "Page X of Y" on every page once the total is known.

    Viewers show the document's title (the patient's name in their own script), not its file name.
    """

    def __init__(self, *args: Any, page_width: float, head: Letterhead, counted: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._counted = counted
        self.setViewerPreference("DisplayDocTitle", "true")
        self._pages: list[dict[str, Any]] = []
        self._page_width = page_width
        self._head = head

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        self._counted.append(total)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._head.page_number(self, number, total)
            super().showPage()
        super().save()


def build_pdf(
    story: list[Flowable],
    info: PageInfo,
    ts: Typesetter,
    styles: Styles,
    *,
    title: str,
    subject: str,
    language: str = "en",
) -> bytes:
    """Lay ``story`` out on pages with the letterhead and return the PDF (in ``language``, for /Lang)."""
    return build_measured(story, info, ts, styles, title=title, subject=subject, language=language)[0]


def build_measured(
    story: list[Flowable],
    info: PageInfo,
    ts: Typesetter,
    styles: Styles,
    *,
    title: str,
    subject: str,
    language: str = "en",
) -> tuple[bytes, int, float]:
    """The PDF, as ``build_pdf`` makes it, its number of pages and how full its last page is (0 to 1
    of the text's frame)."""
    head = Letterhead(info, ts, styles)
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=(head.width, head.height),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=head.top_margin,
        bottomMargin=head.bottom_margin,
        title=_metadata(title),
        subject=_metadata(subject),
        author=_metadata(info.settings.therapist_name or info.settings.clinic_name),
        creator="CST Notes",
        lang=language,
        initialFontName=BASE_FONT,  # not Helvetica, which would be an unembedded font
    )

    def frame(lower: float) -> Frame:
        return Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height - lower,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="content",
        )

    doc.addPageTemplates(
        [
            PageTemplate(id="page", frames=[frame(0)], onPage=head.draw, autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[frame(head.continued_space)], onPage=head.draw_later),
        ]
    )
    counted: list[int] = []
    filled = [0.0]

    def after(_flowable: Flowable) -> None:  # how far down the page the text has come
        f = doc.frame
        filled[0] = 0.0 if f is None else (f._y1 + f._height - f._y) / f._height  # None: a new page is yet to start

    doc.afterFlowable = after
    maker: Callable[..., Canvas] = partial(NumberedCanvas, page_width=head.width, head=head, counted=counted)
    doc.build(story, canvasmaker=maker)
    return out.getvalue(), counted[-1], filled[0]
