#!/usr/bin/env python3
"""Makes the small icon font of the visual page tests/visual/app/pages/font-face: three
glyphs of DejaVu Sans (★ ♥ ✓) at the private-use code points U+E600..U+E602, as icon
fonts put them, written as base64 TTF, WOFF and WOFF2 into the page's WXSS.

    pip install fonttools brotli && apt-get install fonts-dejavu-core
    python3 scripts/fonts/icon-font.py
"""
import base64
import io
import pathlib

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'
ICONS = {0xE600: '★', 0xE601: '♥', 0xE602: '✓'}
PAGE = pathlib.Path(__file__).resolve().parents[2] / 'tests/visual/app/pages/font-face/font-face.wxss'


def icon_font(flavor):
    font = TTFont(SOURCE)
    options = subset.Options()
    options.name_IDs = ['*']
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in ICONS.values()])
    subsetter.subset(font)
    cmap = font.getBestCmap()
    glyphs = {code: cmap[ord(char)] for code, char in ICONS.items()}
    for table in font['cmap'].tables:
        if table.isUnicode():
            table.cmap = dict(glyphs)
    font.flavor = flavor
    out = io.BytesIO()
    font.save(out)
    return base64.b64encode(out.getvalue()).decode()


wxss = PAGE.read_text()
start = wxss.index('/* fonts: made by scripts/fonts/icon-font.py */')
end = wxss.index('/* end of fonts */')
fonts = f"""/* fonts: made by scripts/fonts/icon-font.py */
@font-face {{ font-family: 'iconfont'; src: url('data:font/ttf;base64,{icon_font(None)}') format('truetype'); }}
@font-face {{ font-family: "icons-woff"; src: url('data:font/woff2;base64,d09GMgABAAAAAA') format('woff2'), url('data:application/font-woff;charset=utf-8;base64,{icon_font('woff')}') format('woff'); }}
@font-face {{ font-family: "icons-woff2"; src: url('data:font/woff2;charset=utf-8;base64,{icon_font('woff2')}') format('woff2'); }}
"""
PAGE.write_text(wxss[:start] + fonts + wxss[end:])
