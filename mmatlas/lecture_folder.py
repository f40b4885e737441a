"""`build_maps.py init DIR`: a teacher's own lecture folder, small, commented, and one that builds
as made (`build_maps.py --events DIR --stops DIR/tours/ders.yaml`).

What each file and folder holds is what its name says; every command reads the folder with
`--events DIR` (`make maps EVENTS=DIR`).
"""

from __future__ import annotations

from pathlib import Path

README = """\
# Kendi dersiniz için bir klasör / A lecture folder of your own

Bu klasördeki her dosya, adının ya da içinde bulunduğu klasörün söylediği şeydir:

  events.yaml        olaylar (istediğiniz kadar .yaml dosyasına bölebilirsiniz)
  sources.yaml       kaynaklar: olayların `ref:` ile andığı eserler
  places.yaml        atlasın bilmediği yerler (çoğu yeri atlas zaten bilir)
  territories/       iddialar, antlaşma bölgeleri ve hatları
  control/           kim neresini hangi gün tuttu: kontrol defterine ekler
  tours/             ders durakları: --stops ile verilir, katalog olarak okunmaz

Gizli dosyalar, *.bak ve *~ yedekleri okunmaz.

Üç komut:
  python build_maps.py check --events KLASÖR --stops KLASÖR/tours/ders.yaml
  python build_maps.py --events KLASÖR --stops KLASÖR/tours/ders.yaml
  python build_maps.py slides --events KLASÖR --stops KLASÖR/tours/ders.yaml
"""

EVENTS = """\
# Olaylar. Bir olay: id (küçük harf, rakam ve -), when (tarih), category, title, summary,
# places, sources. Yalnız Türkçe yazabilirsiniz: İngilizce sayfa Türkçesini "(in Turkish)"
# işaretiyle gösterir.
#
# Tarihler yıl-ay-gün yazılır: 1922-01-05. Bir ay: 1922-01. Bir aralık: 1920-01-21/1920-02-12.
# Yaklaşık: 1920~  Belirsiz: 1921-03-11?   ("5 Ocak 1922" yazarsanız doğrusunu önerir.)
# Rumi ya da Hicri tarihli bir belge için: calendar: rumi (ya da hicri) ve when: "1336-04-23".
# category: battle (muharebe), military (askerî harekât), treaty (antlaşma), conference,
#   congress (kongre), diplomacy (diplomasi), occupation (işgal), evacuation (tahliye),
#   political (siyasi gelişme), journey (yolculuk); lejanttaki Türkçe adlar da olur.
# places: atlasın bildiği yer adları; bilmediği bir yer için: {name: Karboğazı, at: {lat: 37.30, lon: 34.85}}
# İki nokta (:) ya da kesme işareti (') içeren metni çift tırnak içine alın.

- id: adana-kurtulusu
  when: "1922-01-05"
  category: tahliye
  title: {tr: "Adana'nın kurtuluşu"}
  summary: {tr: "Ankara Antlaşması uyarınca Fransız birlikleri Adana'dan çekildi."}
  places: [Adana]
  sources:
    - ref: ders-kitabi
      pages: "s. 112"
"""

SOURCES = """\
# Kaynaklar: her olayın `ref:` ile andığı eser burada bir anahtarla tanımlanır.
# kind: primary (birincil kaynak), scholarly (bilimsel yayın), reference, press, web

ders-kitabi:
  author: "Yazar Adı"
  year: 2020
  title: "Kaynağın tam adı"
  kind: scholarly
"""

PLACES = """\
# Atlasın bilmediği yerler (çoğu kasaba GeoNames'ten zaten bulunur: `build_maps.py geocode AD`).
# Örnek:
# - id: karbogazi
#   names: [{text: "Karboğazı", lang: tr}]
#   geometry: {point: {lat: 37.30, lon: 34.85}}
#   certainty: medium
#   sources: [{ref: ders-kitabi}]
"""

TERRITORY = """\
# İddialar (claim), antlaşma bölgeleri (treaty_zone) ve hatları (line). Alanlar yer adlarından
# kurulur, elle çizilmez. Örnek (başındaki # işaretlerini silerek açın):
# - id: ornek-iddia
#   name: {tr: "Örnek iddia"}
#   holder: Yunanistan
#   kind: iddia
#   when: "1920-08-10/1922-09-09"
#   geometry:
#     polygons:
#       - [İzmir, Manisa, Aydın]
#   certainty: orta
#   precision_km: 25
#   sources: [{ref: ders-kitabi}]
"""

CONTROL = """\
# Kim neresini hangi gün tuttu: atlasın kontrol defterine eklenen kasabalar ve el değiştirmeler.
# Biçim için atlasın geo/control/ klasöründeki dosyalara bakın. Örnek:
# towns:
#   - town: Karaisalı
#     changes:
#       - {on: "1922-01-05", holder: ankara, sources: [{ref: ders-kitabi}]}
"""

TOUR = """\
# Ders durakları: her durak bir gün, bir merkez ve bir yakınlık (zoom 3–12).
# --stops ile verilir: python build_maps.py --events KLASÖR --stops KLASÖR/tours/ders.yaml
title: {tr: "Güney cephesi", en: "The southern front"}
subtitle: {tr: "Ders notları"}
stops:
  - id: adana
    date: 1922-01-05
    title: {tr: "Adana'nın kurtuluşu"}
    caption: {tr: "Fransızlar Ankara Antlaşması uyarınca Çukurova'dan çekilir."}
    centre: Adana
    zoom: 7
"""

FILES = {
    "README.txt": README,
    "events.yaml": EVENTS,
    "sources.yaml": SOURCES,
    "places.yaml": PLACES,
    "territories/ornek.yaml": TERRITORY,
    "control/ornek.yaml": CONTROL,
    "tours/ders.yaml": TOUR,
}


def init_folder(folder: Path) -> list[Path]:
    """Write the template into `folder` (new or empty); the files written."""
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty: give a new folder, e.g. {folder / 'ders'}")
    written = []
    for name, text in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
