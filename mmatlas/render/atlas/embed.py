"""output/embed.md: how to put a map into slides, written beside the maps it describes."""

from __future__ import annotations

from mmatlas.core.lang import Lang

_GUIDE = {
    "en": """# Putting the atlas into slides

Every page here works with no network: copy the whole `output/` folder with your slides.

| file | opens on |
| --- | --- |
| `index.html` | the whole period, with the lecture stops; add `#1920-12-03` to open on a day |
| `1919.html` … `1923.html` | one year each, small enough to embed |
| `compare.html` | two dates side by side: `compare.html#1920-08-10/1923-07-24` |

## reveal.js

```html
<section>
  <iframe src="output/1920.html#1920-12-03&embed" width="100%" height="600" style="border:0"></iframe>
</section>
```

`&embed` leaves Space, PageDown and the arrow keys to the deck, even after a click on the map;
the atlas takes the arrows only while the time control has the focus.

## PowerPoint or LibreOffice Impress

Insert a picture of the map (from `build_maps.py slides`, or a screenshot), then
*Insert → Link* on the picture and choose `output/index.html#1920-12-03`. In the slide show a
click opens the atlas on that day in the browser. Keep the `output/` folder next to the deck.

## Google Slides

Slides cannot embed local pages. Insert the picture, link it to where you host the folder (for
example a course website: `https://…/output/1921.html#1921-03-12`), or open the file from your
computer beside the presentation.
""",
    "tr": """# Atlası sunuma eklemek

Buradaki her sayfa ağ bağlantısı olmadan çalışır: `output/` klasörünün tamamını sunumunuzla
birlikte kopyalayın.

| dosya | açıldığı yer |
| --- | --- |
| `index.html` | tüm dönem ve ders durakları; bir güne açmak için sonuna `#1920-12-03` ekleyin |
| `1919.html` … `1923.html` | her biri bir yıl, gömmeye uygun boyutta |
| `compare.html` | iki tarih yan yana: `compare.html#1920-08-10/1923-07-24` |

## reveal.js

```html
<section>
  <iframe src="output/1920.html#1920-12-03&embed" width="100%" height="600" style="border:0"></iframe>
</section>
```

`&embed`, haritaya tıklandıktan sonra bile boşluk, PageDown ve ok tuşlarını sunuma bırakır; atlas
ok tuşlarını yalnızca zaman denetimi seçiliyken kullanır.

## PowerPoint ya da LibreOffice Impress

Haritanın bir resmini ekleyin (`build_maps.py slides` çıktısı ya da ekran görüntüsü), sonra resme
*Ekle → Bağlantı* ile `output/index.html#1920-12-03` adresini verin. Gösteride tıklayınca atlas o
günde tarayıcıda açılır. `output/` klasörünü sunum dosyasının yanında tutun.

## Google Slaytlar

Slaytlar yerel sayfaları gömemez. Resmi ekleyip klasörü yayımladığınız adrese bağlayın (örneğin
ders sitesi: `https://…/output/1921.html#1921-03-12`) ya da dosyayı sunumun yanında bilgisayarınızdan
açın.
""",
}


def embed_guide(lang: Lang) -> str:
    return _GUIDE[lang]
