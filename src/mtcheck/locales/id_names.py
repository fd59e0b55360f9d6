"""Indonesian facts about names: which capitalised words are not names, which acronyms get translated.

Indonesian capitalises sentence-initial words, titles (``Presiden``), institutions (``Kementerian Luar
Negeri`` = Ministry of Foreign Affairs) and its own spelling of foreign places (``Jepang``, ``Suriah``):
a translator renders those, so they must not be required to reappear. What is left after removing them
(people, organisations, local places, brands) is carried over unchanged. Kept in its own module because
the lists are long; ``id.py`` merges ``NAMES`` into the Indonesian ``Locale``.
"""
from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


_FUNCTION_WORDS = _words("""
dan di ke dari yang ini itu dalam pada untuk dengan namun tetapi tapi akan sudah telah juga ada saat ketika
sejak setelah sesudah sebelum karena oleh bagi menurut selain sementara meski meskipun walaupun walau jika
kalau bila apabila agar supaya bahwa hal para sang si kami kita ia dia mereka saya aku anda engkau beliau tak
tidak bukan belum masih hanya bahkan sebab maka lalu kemudian adapun sebagai seperti tersebut sebuah seorang
satu dua tiga empat lima enam tujuh delapan sembilan sepuluh berdasarkan terkait sedangkan sehingga apa siapa
mengapa kenapa bagaimana kapan dimana mana berapa pun atau serta yaitu yakni antara hingga sampai semua
seluruh setiap tiap beberapa banyak sejumlah kini sekarang nanti kemarin besok esok lusa hari minggu pekan
bulan tahun pagi siang sore malam selama usai jelang menjelang jadi begitu demikian tentu memang sebelumnya
selanjutnya kata katanya ujar ujarnya ungkap ungkapnya jelas jelasnya tutur tuturnya sebut sebutnya tambah
tambahnya lanjut lanjutnya terang terangnya imbuh imbuhnya papar paparnya baca juga lihat simak foto video
sumber editor penulis reporter halaman selengkapnya berita terkini tentang atas bawah depan belakang luar
samping sekitar melalui tanpa terhadap kepada daripada per pukul jam sebanyak sekitar lebih kurang hampir
sekitar pertama kedua ketiga terakhir lain lainnya ya tidak oh wah nah halo selamat terima kasih mohon silakan
ayo mari apakah adakah bagaimanakah siapakah anda tn ny sdr sdri bpk det yth the a an of and in on at to for
with by from is are was were this that it as he she they we you i
""")

_TITLES = _words("""
presiden wapres wakil menteri menko mendagri menlu menkeu gubernur wagub bupati wabup wali walikota wakot
ketua ketum waketum sekretaris sekjen sekda jenderal direktur dirut direksi utama kepala kadis panglima
kapolri wakapolri kapolda kapolres kapolsek kasad kasal kasau jaksa hakim anggota juru bicara jubir senator
perdana raja ratu sultan pangeran putri putra paus kardinal uskup imam syekh habib haji hajjah kh kyai kiai
ustaz ustadz ustadzah bapak ibu pak bu mas mbak bang kak saudara saudari tuan nyonya nona dokter dr prof
profesor ir drs dra letnan kolonel mayor kapten sersan brigadir komisaris inspektur laksamana marsekal irjen
kombes akbp kompol ajun pj plt plh calon capres cawapres caleg mantan eks pimpinan pemimpin komut kabid
kasubdit kasat camat lurah kades duta dubes konsul staf khusus ahli pengamat analis ekonom peneliti pakar
pejabat petinggi pelatih kapten pemain atlet warga tersangka terdakwa saksi korban pelaku polisi tentara
prajurit aparat petugas relawan pastor pendeta romo baginda paduka
""")

# Honorifics of several words: none of their words is a name there (Sri alone may be: Sri Mulyani).
_TITLE_PHRASES = tuple(tuple(p.split()) for p in (
    "sri paduka", "sri baginda", "yang terhormat", "yang mulia", "yang dipertuan agong", "yang berbahagia",
    "seri paduka",
))

_INSTITUTION_WORDS = _words("""
kementerian kementrian kemenkeu kemenlu kemendagri departemen dinas badan lembaga komisi dewan majelis
mahkamah pengadilan kejaksaan kejagung kejati kejari kepolisian polda polres polsek angkatan darat laut udara
markas pusat daerah provinsi kabupaten kecamatan kelurahan desa kampung dusun jalan jl gedung istana negara
negeri republik rakyat perwakilan umum agung tinggi konstitusi keuangan pertahanan pendidikan kesehatan
perhubungan perdagangan perindustrian pertanian agama sosial hukum keamanan politik koordinator bidang urusan
pemerintah pemerintahan partai fraksi koalisi oposisi universitas sekolah institut akademi rumah sakit rs
bandar bandara pelabuhan stasiun terminal pasar masjid gereja pura candi museum taman nasional internasional
gunung pulau sungai danau selat teluk samudra samudera tanjung kepulauan utara selatan barat timur tengah
tenggara daya laut raya baru lama besar kecil perusahaan kantor pos balai biro direktorat pengurus persatuan
perhimpunan asosiasi ikatan himpunan gabungan serikat organisasi yayasan komite forum konferensi tingkat
tinggi kongres sidang rapat pemilihan pemilu pilkada pilpres kabinet parlemen senat dpr mpr dpd bank pasukan
satuan tim timnas liga piala kejuaraan olimpiade festival pameran hari raya idul fitri adha natal imlek
ramadan lebaran tuhan allah nabi statistik bencana penanggulangan pemberantasan korupsi meteorologi
pakta perjanjian traktat aliansi rp
klimatologi geofisika energi sumber mineral lingkungan hidup kehutanan kelautan perikanan pariwisata ekonomi
kreatif tenaga kerja desa pembangunan perencanaan investasi koperasi usaha mikro menengah bumn sekretariat
kepresidenan perumahan pekerjaan transportasi komunikasi informatika informasi riset teknologi kebudayaan
pemuda olahraga perempuan anak perlindungan pemberdayaan aparatur reformasi birokrasi hak asasi manusia
demokrat republikan masyarakat distrik generasi zona cincin api mr mrs ms keadilan agraria tata ruang
pertanahan polisi militer tni polri kodam korem kodim babinsa
""")

# Indonesian spellings of foreign countries, regions, nationalities and cities that translations render
# in their own language (Jepang -> Japan/Japon, Suriah -> Syria/Syrie, Yerusalem -> Jerusalem).
_TRANSLATED_PLACES = _words("""
indonesia amerika serikat inggris britania raya jepang tiongkok cina china korea belanda jerman prancis
perancis rusia arab saudi mesir suriah turki yunani italia spanyol portugal portugis swiss swedia norwegia
finlandia denmark polandia belgia austria irlandia islandia ukraina selandia filipina singapura kamboja
vietnam thailand malaysia brunei myanmar laos india pakistan bangladesh iran irak afganistan afghanistan
yordania lebanon libanon palestina israel yaman qatar kuwait uni emirat oman afrika eropa asia australia
kanada meksiko brasil argentina kolombia venezuela kuba chili peru mongolia taiwan hongaria ceko rumania
bulgaria serbia kroasia slovenia slowakia belarus kazakhstan uzbekistan georgia armenia azerbaijan suriname
nigeria kenya maroko aljazair tunisia libya sudan etiopia somalia timor leste nugini papua oseania pasifik
atlantik hindia mediterania antartika skandinavia balkan kaukasus moskow moskwa yerusalem makkah mekkah
madinah beijing peking den haag kairo jenewa roma wina brussel praha athena lisabon kopenhagen warsawa
stockholm teheran baghdad bagdad riyadh damaskus ankara istanbul tokyo seoul hanoi bangkok manila london
brussels skotlandia wales aids makedonia dominika kurdi kurdistan welsh jawa sumatra sumatera kalimantan
borneo sulawesi nusa tenggara maluku bali
""")

# Acronyms that a translation may render by its own acronym or by the expansion (matched
# case-insensitively on word boundaries); an acronym not listed here must reappear as written.
ACRONYM_TRANSLATIONS: dict[str, tuple[str, ...]] = {
    "PBB": ("UN", "U.N.", "United Nations", "ONU", "Nations unies", "Nations Unies"),
    "UE": ("EU", "European Union", "Union européenne"),
    "AS": ("US", "U.S.", "USA", "United States", "America", "American", "États-Unis", "Etats-Unis",
           "américain", "américaine", "américains", "américaines", "Amérique"),
    "NATO": ("OTAN",),
    "WHO": ("OMS",),
    "KTT": ("summit", "sommet", "G20", "G7"),
    "PDB": ("GDP", "PIB", "gross domestic product", "produit intérieur brut"),
    "BBM": ("fuel", "carburant", "carburants"),
    "UU": ("law", "Act", "loi"),
    "RUU": ("bill", "draft law", "projet de loi"),
    "PHK": ("layoff", "layoffs", "lay off", "laid off", "dismissal", "licenciement", "licenciements"),
    "APBN": ("state budget", "budget"),
    "APBD": ("regional budget", "budget"),
    "UMKM": ("MSME", "MSMEs", "SME", "SMEs", "PME", "TPE", "micro, small and medium"),
    "BUMN": ("SOE", "SOEs", "state-owned", "entreprise publique", "entreprises publiques"),
    "RI": ("Indonesia", "Indonesian", "Indonésie", "indonésien", "indonésienne"),
    "WNI": ("Indonesian citizen", "Indonesian citizens", "Indonesians", "citoyens indonésiens",
            "ressortissants indonésiens"),
    "WNA": ("foreigner", "foreigners", "foreign national", "foreign nationals", "étranger", "étrangers"),
    "ASN": ("civil servant", "civil servants", "fonctionnaire", "fonctionnaires"),
    "PNS": ("civil servant", "civil servants", "fonctionnaire", "fonctionnaires"),
    "TKI": ("migrant worker", "migrant workers", "travailleurs migrants"),
    "LSM": ("NGO", "NGOs", "ONG"),
    "HAM": ("human rights", "droits de l'homme", "droits humains", "droits de l’homme"),
    "WIB": ("Western Indonesia Time", "Western Indonesian Time", "local time", "heure locale", "Jakarta time",
            "heure de l'Ouest indonésien", "heure de l’Ouest indonésien", "heure de Jakarta"),
    "WITA": ("Central Indonesia Time", "Central Indonesian Time", "local time", "heure locale",
             "heure du Centre indonésien"),
    "WIT": ("Eastern Indonesia Time", "Eastern Indonesian Time", "local time", "heure locale",
            "heure de l'Est indonésien", "heure de l’Est indonésien"),
    "DPR": ("House of Representatives", "parliament", "Parliament", "lawmakers", "legislators",
            "Chambre des représentants", "parlement", "Parlement", "députés"),
    "MPR": ("People's Consultative Assembly", "People’s Consultative Assembly", "Assemblée consultative"),
    "MK": ("Constitutional Court", "Cour constitutionnelle"),
    "MA": ("Supreme Court", "Cour suprême"),
    "KPK": ("Corruption Eradication Commission", "anti-graft", "antigraft", "anti-corruption",
            "Commission pour l'éradication de la corruption", "Commission pour l’éradication de la corruption",
            "Commission d'éradication de la corruption", "Commission d’éradication de la corruption"),
    "BI": ("Bank Indonesia", "central bank", "banque centrale"),
    "BPS": ("Statistics Indonesia", "Central Statistics Agency", "statistics agency", "Office des statistiques",
            "office de statistique", "Bureau central des statistiques"),
    "TNI": ("Indonesian Military", "military", "armed forces", "Armed Forces", "armée", "forces armées"),
    "DKI": ("Jakarta",),
    "UK": ("Royaume-Uni", "Britain", "British", "United Kingdom", "britannique", "britanniques"),
    "EU": ("UE", "Union européenne", "European Union"),
    "UN": ("ONU", "Nations unies", "Nations Unies"),
    "US": ("USA", "U.S.", "United States", "États-Unis", "Etats-Unis", "américain", "américaine", "américains",
           "américaines", "dollar", "dollars", "USD", "$"),  # US$ 5 -> 5 dollars (américains)
    "CEO": ("PDG", "chief executive", "directeur général", "directrice générale", "président-directeur"),
    "TV": ("TVs", "television", "televisions", "télévision", "télé", "télévisé", "télévisée", "télévisés",
           "téléviseur", "téléviseurs"),
    "AI": ("IA", "artificial intelligence", "intelligence artificielle"),
    "MP": ("député", "députés", "députée", "parlementaire", "lawmaker", "member of parliament"),
    "ATM": ("DAB", "distributeur", "distributeurs", "cash machine", "cash machines"),
    "ICJ": ("CIJ", "Cour internationale de justice", "International Court of Justice"),
    "IMF": ("FMI", "International Monetary Fund", "Fonds monétaire international"),
    "GDP": ("PIB", "PDB", "gross domestic product", "produit intérieur brut"),
    "NY": ("New York",),
    "HIV": ("VIH",),
    "AIDS": ("SIDA", "sida"),
    # Indonesian common-noun acronyms a translation spells out in its own words
    "SD": ("primary school", "elementary school", "école primaire"),
    "SMP": ("junior high school", "junior high", "middle school", "collège"),
    "SMA": ("senior high school", "high school", "lycée"),
    "TPS": ("polling station", "polling stations", "polling booth", "polling booths", "bureau de vote",
            "bureaux de vote"),
    "TI": ("IT", "information technology", "informatique", "informatiques", "technologies de l'information",
           "technologies de l’information"),
    "ASI": ("breast milk", "breastmilk", "breastfeeding", "lait maternel", "allaitement", "allaitante",
            "allaitantes", "tire-lait"),
    "BH": ("bra", "bras", "soutien-gorge", "soutiens-gorge"),
    "PHD": ("PhD", "Ph.D.", "doctorate", "doctoral", "doctorat"),
    "OKE": ("OK", "okay", "d'accord", "d’accord"),
    "LA": ("Los Angeles",),
    "NYC": ("New York",),
    "SIDA": ("AIDS",),
    **{zone: (*names, "local time", "heure locale") for zone, names in {
        # time zones: localised as "local time", spelt out or converted to another zone's name
        "GMT": ("UTC", "Greenwich", "temps universel", "heure de Londres", "London time"),
        "UTC": ("GMT", "temps universel", "Coordinated Universal Time", "universal time"),
        "BST": ("British Summer Time", "UK time", "heure britannique", "heure d'été britannique",
                "heure d’été britannique", "heure de Londres", "London time", "GMT"),
        "CET": ("Central European Time", "heure d'Europe centrale", "heure d’Europe centrale", "heure de Paris"),
        "CEST": ("Central European Summer Time", "heure d'été d'Europe centrale", "heure de Paris"),
        "EST": ("Eastern Time", "Eastern Standard Time", "ET", "heure de l'Est", "heure de l’Est",
                "heure de New York", "New York time"),
        "EDT": ("Eastern Time", "Eastern Daylight Time", "ET", "heure de l'Est", "heure de l’Est",
                "heure de New York", "New York time"),
        "PST": ("Pacific Time", "Pacific Standard Time", "PT", "heure du Pacifique"),
        "PDT": ("Pacific Time", "Pacific Daylight Time", "PT", "heure du Pacifique"),
        "JST": ("Japan time", "Tokyo time", "heure du Japon", "heure de Tokyo"),
        "AEST": ("Sydney time", "Australian Eastern", "heure de Sydney", "heure australienne"),
    }.items()},
    "PT": (),
    "Tbk": (),
    "CV": (),
}

NAMES: dict[str, object] = {
    "name_stopwords": frozenset(_FUNCTION_WORDS + _TITLES + _INSTITUTION_WORDS + _TRANSLATED_PLACES),
    # ke-...-an / pe(r)-...-an nouns, frequent in institution names (Kementerian, Perwakilan, Pendidikan);
    # verb prefixes (me-, ber-, di-) are left out: too many foreign names start that way (Merkel, Berlin).
    "common_word_pattern": r"(?:ke|per|pe[mn]?|peng|peny|pel)\w{3,}an",
    "name_particles": ("bin", "binti", "van", "von", "der", "den", "de", "da", "al", "el", "la", "le", "du", "dos"),
    "acronym_translations": ACRONYM_TRANSLATIONS,
    "name_abbreviations": ("St", "Mt", "Ft"),
    "title_phrases": _TITLE_PHRASES,
}
