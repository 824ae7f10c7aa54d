"""Demo content for the campaign manager.

The texts are drawn from the 2017 Open Dialog Foundation campaign seed
documents ("Stop torture in Kazakhstan: Save political prisoners"): the
invitation to a protest in Brussels (English, Russian and Polish versions)
and two campaign updates (MEPs' letters and written questions; the PACE
written declaration). Where the seeds have no Russian or Polish version the
texts were translated for this module. Names of people are kept as the
seeds spell them; dead "(#)" links of the seeds are dropped.

Plain data only: the app must not read the seed files at run time.
Dates are ISO strings, times are "HH:MM" local to Europe/Brussels, and all
long texts are Markdown (paragraphs, **bold**, lists).
"""

# ---------------------------------------------------------------------------
# Campaign
# ---------------------------------------------------------------------------

_CAMPAIGN_BODY_EN = """\
The human rights situation in Kazakhstan – the largest and most important \
state in Central Asia – remains a growing concern for the international \
community. **One of the most drastic manifestations of the problem is the \
fate of numerous political prisoners in the country.** Fabricated criminal \
proceedings, long-term imprisonment and torture are used not only against \
political opponents, independent journalists and critical activists, but \
also against those even slightly related to them.

There are at least **35 cases of politically motivated prosecution** in \
Kazakhstan. People are imprisoned – or prosecuted abroad through the misuse \
of INTERPOL's Red Notice system and extradition requests – for civil and \
trade union activities, public criticism of the authorities, participating \
in peaceful rallies, publishing and sharing posts on social networks and \
conducting journalistic investigations.

Pressure from the EU works: this year, thanks to the involvement of several \
MEPs, two journalists – **Zhanbolat Mamay** and **Seikazy Matayev** – were \
granted freedom.

**What we ask for**

- the release of political prisoners, including **Max Bokayev**, \
**Mukhtar Dzhakishev**, **Iskander Yerimbetov** and **Muratkhan Tokmadi**;
- an end to torture and ill-treatment, and proper medical care for \
prisoners who need it;
- EU cooperation with Kazakhstan that depends on the human rights situation \
in the country."""

_CAMPAIGN_BODY_RU = """\
Ситуация с правами человека в Казахстане – крупнейшем и самом влиятельном \
государстве Центральной Азии – вызывает растущее беспокойство \
международного сообщества. **Одно из самых наглядных проявлений этой \
проблемы – судьба многочисленных политзаключенных Казахстана.** Репрессии – \
в том числе сфабрикованные уголовные дела, долгосрочное тюремное заключение \
и пытки – применяются не только против политических оппонентов, независимых \
журналистов и критически настроенных гражданских активистов, но и против \
тех, кто хотя бы немного связан с ними.

В Казахстане имеют место как минимум **35 случаев политически мотивированного \
преследования**. Людей сажают в тюрьму или преследуют за рубежом, \
злоупотребляя красными уведомлениями Интерпола и запросами на экстрадицию, \
за гражданскую и профсоюзную деятельность, публичную критику властей, \
участие в мирных митингах, публикацию и распространение постов в социальных \
сетях, журналистские расследования.

Давление со стороны ЕС действует: в этом году благодаря вмешательству \
нескольких депутатов Европарламента вышли на свободу двое журналистов – \
**Жанболат Мамай** и **Сейтказы Матаев**.

**Наши требования**

- освободить политических заключенных, в том числе **Макса Бокаева**, \
**Мухтара Джакишева**, **Искандера Еримбетова** и **Муратхана Токмади**;
- прекратить пытки и жестокое обращение и обеспечить заключенным \
необходимую медицинскую помощь;
- поставить дальнейшее сотрудничество ЕС с Казахстаном в зависимость от \
соблюдения прав человека в стране."""

_CAMPAIGN_BODY_PL = """\
Problematyka ochrony praw człowieka w Kazachstanie – największym \
i najważniejszym państwie Azji Środkowej – nadal powoduje wzrost niepokoju \
społeczności międzynarodowej. **Jednym z najbardziej drastycznych przejawów \
tego problemu jest los licznych więźniów politycznych w tym państwie.** \
Prześladowania, które obejmują fałszowanie dowodów w postępowaniach karnych, \
wieloletnie kary pozbawienia wolności i stosowanie tortur, dotyczą nie tylko \
przeciwników politycznych, niezależnych dziennikarzy i krytycznych wobec \
systemu działaczy, lecz również osób powiązanych z nimi nawet w sposób \
marginalny.

Obecnie mamy w Kazachstanie do czynienia z co najmniej **35 przypadkami \
prześladowania na tle politycznym**. Osoby te są więzione lub ścigane za \
granicą – poprzez nadużywanie czerwonych not Interpolu i wniosków \
o ekstradycję – za działalność obywatelską i związkową, publiczne \
krytykowanie władz, uczestnictwo w pokojowych demonstracjach, publikowanie \
i rozpowszechnianie treści w mediach społecznościowych oraz prowadzenie \
śledztw dziennikarskich.

Naciski ze strony Unii Europejskiej przynoszą skutki: w tym roku, dzięki \
zaangażowaniu kilku posłów do Parlamentu Europejskiego, dwóch dziennikarzy – \
**Zhanbolat Mamay** oraz **Seikazy Matayev** – odzyskało wolność.

**Czego się domagamy**

- uwolnienia więźniów politycznych, w tym **Maxa Bokayeva**, \
**Mukhtara Dzhakisheva**, **Iskandera Yerimbetova** i **Muratkhana Tokmadi**;
- zaprzestania tortur i niegodnego traktowania oraz zapewnienia więźniom \
niezbędnej opieki medycznej;
- uzależnienia dalszej współpracy UE z Kazachstanem od stopnia \
przestrzegania praw człowieka w tym państwie."""

CAMPAIGN = {
    "slug": "stop-torture-kazakhstan",
    "default_language": "en",
    "languages": ["en", "ru", "pl"],
    "timezone": "Europe/Brussels",
    "contact_name": "Paola Gaffurini, Advocacy Officer",
    "contact_email": "paola.gaffurini@odfoundation.eu",
    "translations": {
        "en": {
            "title": "Stop torture in Kazakhstan: Save political prisoners",
            "summary": (
                "Political prisoners in Kazakhstan are tortured and denied "
                "medical care. We call on the EU institutions to demand their "
                "release and to make further cooperation with Kazakhstan "
                "conditional on respect for human rights."
            ),
            "body": _CAMPAIGN_BODY_EN,
        },
        "ru": {
            "title": "Остановите пытки в Казахстане и спасите политических заключенных",
            "summary": (
                "Политических заключенных в Казахстане пытают и лишают "
                "медицинской помощи. Мы призываем институты ЕС потребовать их "
                "освобождения и поставить дальнейшее сотрудничество "
                "с Казахстаном в зависимость от соблюдения прав человека."
            ),
            "body": _CAMPAIGN_BODY_RU,
        },
        "pl": {
            "title": "Powstrzymajmy tortury w Kazachstanie: uratujmy więźniów politycznych",
            "summary": (
                "Więźniowie polityczni w Kazachstanie są torturowani "
                "i pozbawiani opieki medycznej. Wzywamy instytucje unijne, aby "
                "zażądały ich uwolnienia i uzależniły dalszą współpracę "
                "z Kazachstanem od przestrzegania praw człowieka."
            ),
            "body": _CAMPAIGN_BODY_PL,
        },
    },
}

# ---------------------------------------------------------------------------
# Key dates (political calendar), in timeline order of the 2017 campaign.
# The Zhanaozen anniversary is yearly: its date is the day of the massacre
# (16 December 2011); in 2017 it falls after the European Parliament vote.
# No seed gives a time for these dates, so they are all-day (time None).
# ---------------------------------------------------------------------------

KEY_DATES = [
    {
        "key": "pace-declaration",
        "kind": "other",
        "date": "2017-10-11",
        "time": None,
        "yearly": False,
        "link": None,
        "translations": {
            "en": {
                "title": "PACE written declaration on Kazakhstan",
                "description": (
                    "26 members of the Parliamentary Assembly of the Council "
                    "of Europe signed a written declaration calling for the "
                    "immediate cessation of political oppression, injustice "
                    "and torture in Kazakhstan."
                ),
            },
            "ru": {
                "title": "Письменная декларация ПАСЕ о Казахстане",
                "description": (
                    "26 членов Парламентской ассамблеи Совета Европы "
                    "подписали письменную декларацию с призывом немедленно "
                    "прекратить политические репрессии, несправедливость "
                    "и пытки в Казахстане."
                ),
            },
            "pl": {
                "title": "Deklaracja pisemna ZPRE w sprawie Kazachstanu",
                "description": (
                    "26 członków Zgromadzenia Parlamentarnego Rady Europy "
                    "podpisało deklarację pisemną wzywającą do natychmiastowego "
                    "zaprzestania represji politycznych, niesprawiedliwości "
                    "i tortur w Kazachstanie."
                ),
            },
        },
    },
    {
        "key": "meps-letters",
        "kind": "other",
        "date": "2017-10-19",
        "time": None,
        "yearly": False,
        "link": None,
        "translations": {
            "en": {
                "title": "MEPs write to the Kazakhstani authorities",
                "description": (
                    "A group of MEPs, among them the Chair of the DROI "
                    "Committee Pier Antonio Panzeri, signed an official letter "
                    "to the authorities of Kazakhstan in favour of the victims "
                    "of political prosecution, and a second letter on the "
                    "urgent cases of Mukhtar Dzhakishev and Muratkhan Tokmadi."
                ),
            },
            "ru": {
                "title": "Депутаты Европарламента обратились к властям Казахстана",
                "description": (
                    "Группа депутатов Европарламента, в том числе председатель "
                    "подкомитета по правам человека (DROI) Пьер Антонио "
                    "Панцери, подписала официальное письмо властям Казахстана "
                    "в защиту жертв политических преследований, а также "
                    "отдельное письмо о срочных делах Мухтара Джакишева "
                    "и Муратхана Токмади."
                ),
            },
            "pl": {
                "title": "Posłowie do PE piszą do władz Kazachstanu",
                "description": (
                    "Grupa posłów do Parlamentu Europejskiego, w tym "
                    "przewodniczący Podkomisji Praw Człowieka (DROI) Pier "
                    "Antonio Panzeri, podpisała oficjalny list do władz "
                    "Kazachstanu w obronie ofiar prześladowań politycznych "
                    "oraz osobny list w sprawie pilnych przypadków Mukhtara "
                    "Dzhakisheva i Muratkhana Tokmadi."
                ),
            },
        },
    },
    {
        "key": "ep-debate",
        "kind": "plenary_debate",
        "date": "2017-12-13",
        "time": None,
        "yearly": False,
        "link": None,
        "translations": {
            "en": {
                "title": "European Parliament debates the EU–Kazakhstan agreement",
                "description": (
                    "Plenary debate in the European Parliament on the Enhanced "
                    "Partnership and Cooperation Agreement between the EU and "
                    "Kazakhstan, with high-ranking Kazakhstani officials taking "
                    "part. A chance to raise the issue of political prisoners "
                    "once again."
                ),
            },
            "ru": {
                "title": "Обсуждение соглашения ЕС–Казахстан в Европарламенте",
                "description": (
                    "Обсуждение на пленарном заседании Европейского парламента "
                    "Соглашения о расширенном партнерстве и сотрудничестве "
                    "между ЕС и Казахстаном с участием высокопоставленных "
                    "казахстанских чиновников. Возможность еще раз поднять "
                    "вопрос о политзаключенных."
                ),
            },
            "pl": {
                "title": "Debata w Parlamencie Europejskim nad umową UE–Kazachstan",
                "description": (
                    "Debata plenarna w Parlamencie Europejskim nad "
                    "udoskonaloną umową o partnerstwie i współpracy między UE "
                    "a Kazachstanem z udziałem wysokiej rangi kazachskich "
                    "urzędników. To okazja, by jeszcze raz poruszyć problem "
                    "więźniów politycznych."
                ),
            },
        },
    },
    {
        "key": "ep-vote",
        "kind": "plenary_vote",
        "date": "2017-12-14",
        "time": None,
        "yearly": False,
        "link": None,
        "translations": {
            "en": {
                "title": "European Parliament votes on the EU–Kazakhstan agreement",
                "description": (
                    "Plenary vote in the European Parliament on the Enhanced "
                    "Partnership and Cooperation Agreement between the EU and "
                    "Kazakhstan. We believe the extent of further cooperation "
                    "should depend on the human rights situation in the country."
                ),
            },
            "ru": {
                "title": "Голосование в Европарламенте по соглашению ЕС–Казахстан",
                "description": (
                    "Голосование на пленарном заседании Европейского парламента "
                    "по Соглашению о расширенном партнерстве и сотрудничестве "
                    "между ЕС и Казахстаном. Мы считаем, что степень "
                    "дальнейшего сотрудничества должна зависеть от того, "
                    "насколько в стране соблюдаются права человека."
                ),
            },
            "pl": {
                "title": "Głosowanie w Parlamencie Europejskim nad umową UE–Kazachstan",
                "description": (
                    "Głosowanie plenarne w Parlamencie Europejskim nad "
                    "udoskonaloną umową o partnerstwie i współpracy między UE "
                    "a Kazachstanem. Naszym zdaniem zakres dalszej współpracy "
                    "powinien zależeć od stopnia przestrzegania praw człowieka "
                    "w tym państwie."
                ),
            },
        },
    },
    {
        "key": "zhanaozen-anniversary",
        "kind": "anniversary",
        "date": "2011-12-16",
        "time": None,
        "yearly": True,
        "link": None,
        "translations": {
            "en": {
                "title": "Anniversary of the Zhanaozen massacre",
                "description": (
                    "On 16 December 2011, Kazakhstan's Independence Day, the "
                    "authorities killed at least 16 protesters in Zhanaozen, "
                    "western Kazakhstan, ending a peaceful strike of local oil "
                    "workers who demanded better working conditions and the "
                    "right to free and independent trade union activities."
                ),
            },
            "ru": {
                "title": "Годовщина Жанаозенского расстрела",
                "description": (
                    "16 декабря 2011 года, в День Независимости Казахстана, "
                    "власти убили в Жанаозене (на западе страны) по меньшей "
                    "мере 16 участников мирной забастовки местных нефтяников, "
                    "требовавших улучшить условия труда и дать им право на "
                    "свободную независимую профсоюзную деятельность."
                ),
            },
            "pl": {
                "title": "Rocznica masakry w Zhanaozen",
                "description": (
                    "16 grudnia 2011 r., w Dniu Niepodległości Kazachstanu, "
                    "władze zabiły w Zhanaozen na zachodzie kraju co najmniej "
                    "16 uczestników protestu, tłumiąc pokojowy strajk "
                    "miejscowych pracowników naftowych, którzy domagali się "
                    "poprawy warunków pracy i prawa do swobodnej, niezależnej "
                    "działalności związkowej."
                ),
            },
        },
    },
]

# ---------------------------------------------------------------------------
# Event: the protest in Brussels
# ---------------------------------------------------------------------------

_EVENT_DESCRIPTION_EN = """\
Join us in the EU quarter of Brussels to demand an end to torture and the \
release of political prisoners in Kazakhstan.

The human rights situation in Kazakhstan – the largest and most important \
state in Central Asia – remains a growing concern for the international \
community. **One of the most drastic manifestations of the problem is the \
fate of numerous political prisoners in the country.** Fabricated criminal \
proceedings, long-term imprisonment and torture are used against political \
opponents, independent journalists and critical activists, and even against \
those only slightly related to them. There are currently at least **35 cases \
of politically motivated prosecution** in Kazakhstan.

Pressure from the EU has proven effective: this year, thanks to the \
involvement of several MEPs, two journalists – **Zhanbolat Mamay** and \
**Seikazy Matayev** – were granted freedom.

Many others are still suffering:

- activist **Natalia Ulasik** is forcibly held in a mental hospital because \
of political prosecution;
- **Max Bokayev**, **Mukhtar Dzhakishev** and **Iskander Yerimbetov** need \
urgent hospitalisation but are subject to ill-treatment and severe torture \
instead; the UN Human Rights Committee demanded the immediate release of \
Bokayev and Dzhakishev;
- signs of torture have been found on the body of **Muratkhan Tokmadi**, \
another Kazakh citizen unlawfully jailed on political grounds.

**The time is special.** Days after the protest, the European Parliament \
debates and votes on the **Enhanced Partnership and Cooperation Agreement \
between the EU and Kazakhstan**, and on 16 December we mark the anniversary \
of the Zhanaozen massacre of 2011, when the authorities killed at least 16 \
peacefully striking oil workers on the country's Independence Day.

Together with the families of some of the victims, we will call on the EU \
institutions to demand an end to torture and the release of political \
prisoners during the debate, in which high-ranking Kazakhstani officials \
will take part. We believe the extent of further cooperation with Kazakhstan \
should depend on the human rights situation in the country."""

_EVENT_DESCRIPTION_RU = """\
Присоединяйтесь к нам в Европейском квартале Брюсселя, чтобы потребовать \
прекратить пытки и освободить политических заключенных Казахстана.

Ситуация с правами человека в Казахстане – крупнейшем и самом влиятельном \
государстве Центральной Азии – вызывает растущее беспокойство \
международного сообщества. **Одно из самых наглядных проявлений этой \
проблемы – судьба многочисленных политзаключенных Казахстана.** \
Сфабрикованные уголовные дела, долгосрочное тюремное заключение и пытки \
применяются против политических оппонентов, независимых журналистов, \
критически настроенных гражданских активистов и даже против тех, кто хотя \
бы немного связан с ними. Сейчас в Казахстане имеют место как минимум \
**35 случаев политически мотивированного преследования**.

Давление со стороны ЕС действует: в этом году благодаря вмешательству \
нескольких депутатов Европарламента вышли на свободу двое журналистов – \
**Жанболат Мамай** и **Сейтказы Матаев**.

Но многие по-прежнему страдают:

- активистку **Наталью Уласик** принудительно держат в психиатрической \
лечебнице по политическим причинам;
- **Макс Бокаев**, **Мухтар Джакишев** и **Искандер Еримбетов** нуждаются \
в срочной госпитализации, но вместо этого с ними жестоко обращаются и их \
пытают; Комитет ООН по правам человека потребовал немедленно освободить \
Бокаева и Джакишева;
- следы пыток обнаружены на теле **Муратхана Токмади**, еще одного \
гражданина Казахстана, незаконно заключенного в тюрьму по политическим \
причинам.

**Близится важная дата.** Через несколько дней после акции Европейский \
парламент будет обсуждать **Соглашение о расширенном партнерстве \
и сотрудничестве между ЕС и Казахстаном** и голосовать по нему, а 16 декабря \
– годовщина Жанаозенского расстрела 2011 года: в День Независимости власти \
убили по меньшей мере 16 участников мирной забастовки нефтяников.

Вместе с родными некоторых жертв мы обратимся к институтам ЕС, чтобы они \
потребовали остановить пытки и освободить политических заключенных во время \
обсуждения в Парламенте, в котором будут участвовать высокопоставленные \
казахстанские чиновники. Мы считаем, что степень дальнейшего сотрудничества \
с Казахстаном должна зависеть от того, насколько в стране соблюдаются права \
человека."""

_EVENT_DESCRIPTION_PL = """\
Dołącz do nas w Dzielnicy Europejskiej w Brukseli, aby zażądać zaprzestania \
tortur i uwolnienia więźniów politycznych w Kazachstanie.

Problematyka ochrony praw człowieka w Kazachstanie – największym \
i najważniejszym państwie Azji Środkowej – nadal powoduje wzrost niepokoju \
społeczności międzynarodowej. **Jednym z najbardziej drastycznych przejawów \
tego problemu jest los licznych więźniów politycznych w tym państwie.** \
Fałszowanie dowodów w postępowaniach karnych, wieloletnie kary pozbawienia \
wolności i tortury dotykają przeciwników politycznych, niezależnych \
dziennikarzy i krytycznych wobec systemu działaczy, a nawet osoby powiązane \
z nimi w sposób marginalny. Obecnie mamy w Kazachstanie do czynienia z co \
najmniej **35 przypadkami prześladowania na tle politycznym**.

Naciski ze strony Unii Europejskiej okazały się skutecznym narzędziem: w tym \
roku, dzięki zaangażowaniu kilku posłów do Parlamentu Europejskiego, dwóch \
dziennikarzy – **Zhanbolat Mamay** oraz **Seikazy Matayev** – odzyskało \
wolność.

Wielu innych wciąż cierpi:

- aktywistka **Natalia Ulasik** jest przetrzymywana w szpitalu \
psychiatrycznym wskutek politycznych prześladowań;
- **Max Bokayev**, **Mukhtar Dzhakishev** i **Iskander Yerimbetov** \
potrzebują natychmiastowej hospitalizacji, a zamiast tego są traktowani \
w sposób niegodny i poddawani ciężkim torturom; Komitet Praw Człowieka ONZ \
zażądał natychmiastowego uwolnienia Bokayeva i Dzhakisheva;
- ślady tortur znaleziono na ciele **Muratkhana Tokmadi**, kolejnego \
kazachskiego obywatela bezprawnie uwięzionego z powodów politycznych.

**Obecny okres jest szczególny.** Kilka dni po proteście Parlament \
Europejski będzie debatować i głosować nad **udoskonaloną umową \
o partnerstwie i współpracy między UE a Kazachstanem**, a 16 grudnia \
przypada rocznica masakry w Zhanaozen z 2011 r., gdzie w Dniu Niepodległości \
władze zabiły co najmniej 16 uczestników pokojowego strajku pracowników \
naftowych.

Wraz z rodzinami niektórych osób poszkodowanych będziemy nakłaniać \
instytucje unijne, aby podczas debaty w Parlamencie, w której uczestniczyć \
będą wysokiej rangi kazachscy urzędnicy państwowi, zażądały zaprzestania \
stosowania tortur i uwolnienia więźniów politycznych. Naszym zdaniem zakres \
dalszej współpracy z Kazachstanem powinien być uzależniony od stopnia \
przestrzegania praw człowieka w tym państwie."""

EVENT = {
    "slug": "brussels-protest",
    "date": "2017-12-08",
    "start": "12:00",
    "end": "13:00",
    "timezone": "Europe/Brussels",
    "venue_name": "Jean Rey Square",
    "address_lines": "Place Jean Rey",
    "postcode": "1000",
    "city": "Brussels",
    "country": "BE",
    # Centre of Place Jean Rey (50°50'26"N 4°22'48"E), between the Justus
    # Lipsius building and the entrance of Parc Léopold.
    "latitude": 50.8406,
    "longitude": 4.3800,
    "capacity": 150,
    "max_guests": 3,
    "translations": {
        "en": {
            "title": "Stop torture in Kazakhstan: Save political prisoners – protest in Brussels",
            "venue_name": "Jean Rey Square",
            "description": _EVENT_DESCRIPTION_EN,
            "place_notes": "In the EU quarter, just in front of Parc Léopold",
        },
        "ru": {
            "title": "Остановите пытки в Казахстане и спасите политических заключенных: протест в Брюсселе",
            "venue_name": "Площадь Жана Рея",
            "description": _EVENT_DESCRIPTION_RU,
            "place_notes": "В Европейском квартале, прямо перед парком Леопольда",
        },
        "pl": {
            "title": "Powstrzymajmy tortury w Kazachstanie: uratujmy więźniów politycznych – protest w Brukseli",
            "venue_name": "Plac Jeana Reya",
            "description": _EVENT_DESCRIPTION_PL,
            "place_notes": "W Dzielnicy Europejskiej, tuż przy wejściu do Parc Léopold",
        },
    },
}

# ---------------------------------------------------------------------------
# Petition
# ---------------------------------------------------------------------------

_PETITION_TEXT_EN = """\
**To the institutions of the European Union**

The human rights situation in Kazakhstan remains a growing concern. At least \
35 people face politically motivated prosecution for civil and trade union \
activities, public criticism of the authorities, participating in peaceful \
rallies, posts on social networks and journalistic investigations. Political \
prisoners are tortured and denied the medical care they urgently need.

We, the undersigned, call on the European Parliament, the Council of the EU, \
the European Commission and the European External Action Service to:

1. **Demand the immediate release of political prisoners in Kazakhstan**, \
including Max Bokayev, Talgat Ayan, Mukhtar Dzhakishev, Muratkhan Tokmadi, \
Iskander Yerimbetov, Amin Eleusinov and Nurbek Kushakbayev, and an end to \
the forced psychiatric detention of activist Natalia Ulasik.
2. **Demand an end to torture and ill-treatment** of detainees, and proper \
medical care and hospitalisation for those who need it.
3. **Call on Kazakhstan to implement the decisions of UN human rights \
bodies**: the UN Human Rights Committee demanded the release of Bokayev and \
Dzhakishev, and the UN Working Group on Arbitrary Detention recommended the \
release of Bokayev and Ayan.
4. **Insist that Kazakhstan stop fabricating criminal cases** against \
critics, journalists, trade unionists and their families, and stop misusing \
INTERPOL Red Notices and extradition requests to pursue them abroad.
5. **Make cooperation with Kazakhstan, including the Enhanced Partnership \
and Cooperation Agreement, conditional on respect for human rights**, and \
raise these cases in the European Parliament's debate with Kazakhstani \
officials."""

_PETITION_TEXT_RU = """\
**Институтам Европейского союза**

Ситуация с правами человека в Казахстане вызывает растущее беспокойство. Как \
минимум 35 человек подвергаются политически мотивированному преследованию \
за гражданскую и профсоюзную деятельность, публичную критику властей, \
участие в мирных митингах, посты в социальных сетях и журналистские \
расследования. Политических заключенных пытают и лишают срочно необходимой \
им медицинской помощи.

Мы, нижеподписавшиеся, призываем Европейский парламент, Совет ЕС, \
Европейскую комиссию и Европейскую службу внешних связей:

1. **Потребовать немедленного освобождения политических заключенных \
в Казахстане**, в том числе Макса Бокаева, Талгата Аяна, Мухтара Джакишева, \
Муратхана Токмади, Искандера Еримбетова, Амина Елеусинова и Нурбека \
Кушакбаева, а также прекращения принудительного содержания активистки \
Натальи Уласик в психиатрической лечебнице.
2. **Потребовать прекратить пытки и жестокое обращение** с заключенными \
и обеспечить им надлежащую медицинскую помощь и госпитализацию.
3. **Призвать Казахстан выполнить решения правозащитных органов ООН**: \
Комитет ООН по правам человека потребовал освободить Бокаева и Джакишева, \
а Рабочая группа ООН по произвольным задержаниям рекомендовала освободить \
Бокаева и Аяна.
4. **Добиваться, чтобы Казахстан прекратил фабриковать уголовные дела** \
против критиков власти, журналистов, профсоюзных активистов и их родных, \
а также злоупотреблять красными уведомлениями Интерпола и запросами на \
экстрадицию, чтобы преследовать их за рубежом.
5. **Поставить сотрудничество с Казахстаном, включая Соглашение \
о расширенном партнерстве и сотрудничестве, в зависимость от соблюдения \
прав человека** и поднять эти дела во время обсуждения в Европейском \
парламенте с участием казахстанских чиновников."""

_PETITION_TEXT_PL = """\
**Do instytucji Unii Europejskiej**

Sytuacja w zakresie praw człowieka w Kazachstanie budzi coraz większy \
niepokój. Co najmniej 35 osób jest prześladowanych na tle politycznym za \
działalność obywatelską i związkową, publiczne krytykowanie władz, udział \
w pokojowych demonstracjach, wpisy w mediach społecznościowych i śledztwa \
dziennikarskie. Więźniowie polityczni są torturowani i pozbawiani pilnie \
potrzebnej opieki medycznej.

My, niżej podpisani, wzywamy Parlament Europejski, Radę UE, Komisję \
Europejską i Europejską Służbę Działań Zewnętrznych, aby:

1. **Zażądały natychmiastowego uwolnienia więźniów politycznych \
w Kazachstanie**, w tym Maxa Bokayeva, Talgata Ayana, Mukhtara Dzhakisheva, \
Muratkhana Tokmadi, Iskandera Yerimbetova, Amina Eleusinova i Nurbeka \
Kushakbayeva, a także zakończenia przymusowego przetrzymywania aktywistki \
Natalii Ulasik w szpitalu psychiatrycznym.
2. **Zażądały zaprzestania tortur i niegodnego traktowania** zatrzymanych \
oraz zapewnienia im właściwej opieki medycznej i hospitalizacji.
3. **Wezwały Kazachstan do wykonania decyzji organów ONZ ds. praw \
człowieka**: Komitet Praw Człowieka ONZ zażądał uwolnienia Bokayeva \
i Dzhakisheva, a Grupa Robocza ONZ ds. Arbitralnych Zatrzymań zaleciła \
uwolnienie Bokayeva i Ayana.
4. **Domagały się, aby Kazachstan przestał fabrykować sprawy karne** \
przeciwko krytykom władz, dziennikarzom, związkowcom i członkom ich rodzin \
oraz nadużywać czerwonych not Interpolu i wniosków o ekstradycję, by ścigać \
ich za granicą.
5. **Uzależniły współpracę z Kazachstanem, w tym udoskonaloną umowę \
o partnerstwie i współpracy, od przestrzegania praw człowieka** i poruszyły \
te sprawy podczas debaty w Parlamencie Europejskim z udziałem kazachskich \
urzędników."""

PETITION = {
    "slug": "stop-torture-kazakhstan",
    "goal": 1000,
    "translations": {
        "en": {
            "title": "Appeal to stop torture in Kazakhstan and save political prisoners",
            "target": "EU institutions",
            "text": _PETITION_TEXT_EN,
            "why": (
                "Pressure from the EU works: in 2017 the journalists Zhanbolat "
                "Mamay and Seikazy Matayev were freed after MEPs got involved. "
                "With the European Parliament about to debate and vote on the "
                "EU–Kazakhstan agreement, the EU has real leverage – every "
                "signature shows that Europeans expect it to be used for "
                "political prisoners."
            ),
        },
        "ru": {
            "title": "Остановите пытки в Казахстане и спасите политических заключенных",
            "target": "Институты Европейского союза",
            "text": _PETITION_TEXT_RU,
            "why": (
                "Давление ЕС действует: в 2017 году после вмешательства "
                "депутатов Европарламента вышли на свободу журналисты "
                "Жанболат Мамай и Сейтказы Матаев. Европейский парламент "
                "вот-вот обсудит соглашение ЕС с Казахстаном и проголосует "
                "по нему – у ЕС есть реальные рычаги влияния, и каждая подпись "
                "показывает, что европейцы ждут их использования в защиту "
                "политических заключенных."
            ),
        },
        "pl": {
            "title": "Apel o zaprzestanie stosowania tortur w Kazachstanie i uratowanie więźniów politycznych",
            "target": "Instytucje Unii Europejskiej",
            "text": _PETITION_TEXT_PL,
            "why": (
                "Naciski UE przynoszą skutki: w 2017 r., po interwencji posłów "
                "do Parlamentu Europejskiego, wolność odzyskali dziennikarze "
                "Zhanbolat Mamay i Seikazy Matayev. Parlament Europejski "
                "wkrótce będzie debatować i głosować nad umową "
                "UE–Kazachstan – Unia ma realne narzędzia nacisku, a każdy "
                "podpis pokazuje, że Europejczycy oczekują, by użyła ich "
                "w obronie więźniów politycznych."
            ),
        },
    },
}

# ---------------------------------------------------------------------------
# Campaign updates (seeds 002 and 004), newest first
# ---------------------------------------------------------------------------

_UPDATE_MEPS_EN = """\
On 13 November 2017, MEPs submitted **two written questions to the EU VP/HR** \
on the politically motivated prosecutions taking place in Kazakhstan. This \
comes after MEPs, on 19 October, addressed letters to the Kazakhstani state \
authorities, demanding the release of several political prisoners.

The letter of 19 October was signed by several MEPs, among them:

- Mr Pier Antonio PANZERI (Italy, S&D), Chairman of the DROI Committee
- Mr Brando BENIFEI (Italy, S&D)
- Ms Mady DELVAUX (Luxembourg, S&D)
- Ms Ana GOMES (Portugal, S&D)
- Mr Tunne KELAM (Estonia, EPP)
- Mr Urmas PAET (Estonia, ALDE)
- Ms Julie WARD (United Kingdom, S&D)
- Mr Helmut SCHOLZ (Germany, GUE/NGL)
- Ms Lola SANCHEZ CALDENTEY (Spain, GUE/NGL)
- Mr Igor SOLTES (Slovenia, Greens/EFA)
- Ms Barbara SPINELLI (Italy, GUE/NGL)
- Mr Bart STAES (Belgium, Greens/EFA)
- Ms Hilde VAUTMANS (Belgium, ALDE)

A second letter specifically addressed the urgent situations of \
**Mr Mukhtar Dzhakishev** and **Mr Muratkhan Tokmadi**.

The MEPs expressed their concern over the **17 political prisoners** held in \
Kazakhstani prisons and over the crackdown on the freedom of the media and \
freedom of speech. Citizens are "convicted for public criticism of the \
authorities, for participating in peaceful rallies, for civil and trade \
union activities, for conducting journalistic investigations, for publishing \
and sharing posts on social networks". Civil society activists \
**Maks Bokayev** and **Talgat Ayan** received prison terms for participating \
in a peaceful rally, and the UN Working Group on Arbitrary Detention \
recommended their immediate release. Trade union activists \
**Amin Eleusinov** and **Nurbek Kushakbayev** have been sent to prison for \
their legitimate work to protect labour rights: **"Independent trade unions \
in Kazakhstan have been destroyed."**

Mr Tokmadi, arrested on 12 June 2017, "has been subjected to coercive \
pressures in a bid to obtain false testimony against Mr Ablyazov" – \
pressures that have gone as far as involving his closest relatives and \
friends. Mr Dzhakishev is serving 14 years in prison; in over eight years of \
detention he has developed life-threatening diseases, has been beaten \
repeatedly and is not granted the necessary medical care.

We welcome the fact that on 24 November 2017 an EU delegation visited \
Bokayev in detention in Petropavlovsk. In their written questions, MEPs ask \
the EU to open a debate and to consider human rights conditions more firmly \
in its diplomatic and trade relations with Kazakhstan. Their appeal joins \
that of members of PACE, urging Kazakhstan to "immediately release unjustly \
detained political prisoners"."""

_UPDATE_MEPS_RU = """\
13 ноября 2017 года депутаты Европарламента направили **два письменных \
запроса Верховному представителю ЕС по иностранным делам и политике \
безопасности** о политически мотивированных преследованиях в Казахстане. \
Перед этим, 19 октября, депутаты обратились с письмами к государственным \
органам Казахстана, потребовав освободить ряд политических заключенных.

Письмо от 19 октября подписали несколько депутатов, в том числе:

- Пьер Антонио Панцери (Италия, S&D), председатель подкомитета по правам \
человека (DROI)
- Брандо Бенифеи (Италия, S&D)
- Мади Дельво (Люксембург, S&D)
- Ана Гомеш (Португалия, S&D)
- Тунне Келам (Эстония, EPP)
- Урмас Паэт (Эстония, ALDE)
- Джули Уорд (Великобритания, S&D)
- Хельмут Шольц (Германия, GUE/NGL)
- Лола Санчес Кальдентей (Испания, GUE/NGL)
- Игор Шолтес (Словения, Greens/EFA)
- Барбара Спинелли (Италия, GUE/NGL)
- Барт Стас (Бельгия, Greens/EFA)
- Хильде Ваутманс (Бельгия, ALDE)

Второе письмо было посвящено срочным делам **Мухтара Джакишева** \
и **Муратхана Токмади**.

Депутаты выразили обеспокоенность положением **17 политических \
заключенных** в казахстанских тюрьмах, а также подавлением свободы СМИ \
и свободы слова. Граждан Казахстана «осуждают за публичную критику властей, \
за участие в мирных митингах, за гражданскую и профсоюзную деятельность, за \
журналистские расследования, за публикацию и распространение постов \
в социальных сетях». Гражданские активисты **Макс Бокаев** и **Талгат Аян** \
получили тюремные сроки за участие в мирном митинге, и Рабочая группа ООН по \
произвольным задержаниям рекомендовала немедленно их освободить. \
Профсоюзные активисты **Амин Елеусинов** и **Нурбек Кушакбаев** оказались \
в тюрьме за законную работу по защите трудовых прав: **«Независимые \
профсоюзы в Казахстане уничтожены»**.

На Муратхана Токмади, арестованного 12 июня 2017 года, оказывали давление, \
чтобы получить от него ложные показания против Мухтара Аблязова; это \
давление затронуло даже его близких родственников и друзей. Мухтар Джакишев \
отбывает 14-летний срок заключения; за более чем восемь лет в заключении \
у него развились опасные для жизни заболевания, его неоднократно избивали, \
и ему не оказывают необходимую медицинскую помощь.

Мы приветствуем то, что 24 ноября 2017 года делегация ЕС посетила Бокаева \
в месте заключения в Петропавловске. В своих письменных запросах депутаты \
призывают ЕС начать обсуждение и тверже учитывать положение с правами \
человека в дипломатических и торговых отношениях с Казахстаном. Их призыв \
присоединяется к голосу членов ПАСЕ, требующих «немедленно освободить \
несправедливо задержанных политических заключенных»."""

_UPDATE_MEPS_PL = """\
13 listopada 2017 r. posłowie do Parlamentu Europejskiego złożyli **dwa \
pytania pisemne do wysokiej przedstawiciel UE do spraw zagranicznych \
i polityki bezpieczeństwa** w sprawie prześladowań na tle politycznym \
w Kazachstanie. Wcześniej, 19 października, posłowie wystosowali listy do \
władz państwowych Kazachstanu, domagając się uwolnienia kilku więźniów \
politycznych.

List z 19 października podpisało kilku posłów, m.in.:

- Pier Antonio PANZERI (Włochy, S&D), przewodniczący Podkomisji Praw \
Człowieka (DROI)
- Brando BENIFEI (Włochy, S&D)
- Mady DELVAUX (Luksemburg, S&D)
- Ana GOMES (Portugalia, S&D)
- Tunne KELAM (Estonia, EPL)
- Urmas PAET (Estonia, ALDE)
- Julie WARD (Wielka Brytania, S&D)
- Helmut SCHOLZ (Niemcy, GUE/NGL)
- Lola SANCHEZ CALDENTEY (Hiszpania, GUE/NGL)
- Igor SOLTES (Słowenia, Zieloni/WSE)
- Barbara SPINELLI (Włochy, GUE/NGL)
- Bart STAES (Belgia, Zieloni/WSE)
- Hilde VAUTMANS (Belgia, ALDE)

Drugi list dotyczył pilnej sytuacji **Mukhtara Dzhakisheva** \
i **Muratkhana Tokmadi**.

Posłowie wyrazili zaniepokojenie losem **17 więźniów politycznych** \
przetrzymywanych w kazachskich więzieniach oraz tłumieniem wolności mediów \
i wolności słowa. Obywatele Kazachstanu są „skazywani za publiczne \
krytykowanie władz, za udział w pokojowych demonstracjach, za działalność \
obywatelską i związkową, za prowadzenie śledztw dziennikarskich, za \
publikowanie i udostępnianie wpisów w mediach społecznościowych”. Działacze \
społeczni **Maks Bokayev** i **Talgat Ayan** zostali skazani na kary \
więzienia za udział w pokojowym wiecu, a Grupa Robocza ONZ ds. Arbitralnych \
Zatrzymań zaleciła ich natychmiastowe uwolnienie. Działacze związkowi \
**Amin Eleusinov** i **Nurbek Kushakbayev** trafili do więzienia za legalną \
obronę praw pracowniczych: **„Niezależne związki zawodowe w Kazachstanie \
zostały zniszczone”**.

Na Muratkhana Tokmadi, aresztowanego 12 czerwca 2017 r., wywierano presję, \
aby uzyskać od niego fałszywe zeznania przeciwko Mukhtarowi Ablyazovowi; \
naciski objęły nawet jego najbliższych krewnych i przyjaciół. Mukhtar \
Dzhakishev odbywa karę 14 lat więzienia; w ciągu ponad ośmiu lat \
pozbawienia wolności zapadł na zagrażające życiu choroby, był wielokrotnie \
bity i nie otrzymuje niezbędnej opieki medycznej.

Z zadowoleniem przyjmujemy fakt, że 24 listopada 2017 r. delegacja UE \
odwiedziła Bokayeva w miejscu odbywania kary w Pietropawłowsku. W pytaniach \
pisemnych posłowie wzywają UE do podjęcia debaty i stanowczego \
uwzględniania sytuacji praw człowieka w stosunkach dyplomatycznych \
i handlowych z Kazachstanem. Ich apel dołącza do głosu członków ZPRE, którzy \
wzywają do „natychmiastowego uwolnienia niesprawiedliwie przetrzymywanych \
więźniów politycznych”."""

_UPDATE_PACE_EN = """\
On 11 October 2017, **26 Members of the Parliamentary Assembly of the Council \
of Europe (PACE)** signed a written declaration calling for the immediate \
cessation of political oppression, injustice and torture in the Republic of \
Kazakhstan.

The signatories included deputies from across the political spectrum and \
different national delegations, such as:

- Mr Stefan Schennach (Austria; SOC)
- Lord Donald Anderson (United Kingdom; SOC)
- Mr Andres Herkel (Estonia; EPP/CD)
- Ms Alice-Mary Higgins (Ireland; SOC)
- Mr Luis Alberto Orellana (Italy; SOC)
- Mr Mart van de Ven (Netherlands; ALDE)
- Ms Gisela Wurm (Austria; SOC)

The declaration states that "Kazakhstani authorities have used a regular \
practice of fabrication of criminal cases, for example the pretence of \
financial crimes, terrorism or social discord, against peaceful protesters, \
bloggers, journalists, oppositionists and their associates". Those unlawfully \
arrested and detained include the oil-worker leaders **Amin Eleusinov** and \
**Nurbek Qushaqbaev**, the land-reform protesters **Maks Bokayev** and \
**Talgat Ayan**, and **Sanat Dosov**, a blogger and Putin critic. Kazakhstani \
security services carry out illegal extraditions, as in the case of \
**Zhaksylyk Zharimbetov**, a kidnapped refugee and former associate of \
exiled opponent Mukhtar Ablyazov. Former managers and employees of BTA Bank \
such as **Tatiana Paraskevich** and **Anatoliy Pogorelov** are also at risk \
of extradition. Even family members – as with the Khrapunovs or the \
Tokmadis – are threatened with prosecution in order to obtain false \
confessions against the opposition.

PACE members called for the immediate release of **Mukhtar Dzhakishev** and \
**Muratkhan Tokmadi**, who refused to sign incriminating testimony against \
Mr Ablyazov: "No justification can be found for the use of torture and lack \
of medical aid as means of pressure on political prisoners".

- **Mukhtar Dzhakishev**, a prominent businessman and close friend of \
Mr Ablyazov, is held in Karaganda Province, in one of the harshest penal \
institutions in Kazakhstan. Over eight years of detention he has developed a \
chronic disease and needs urgent hospitalisation. The UN Human Rights \
Committee demanded that the judgment be revoked and that he be released.
- **Muratkhan Tokmadi**, a renowned businessman, was arrested on charges of \
"extortion" allegedly committed 12 years before. Officers of the National \
Security Committee demanded that he "confess" to a 2004 murder "ordered by \
Mukhtar Ablyazov", whom he had never met. When he refused, two more criminal \
cases were opened against him, for "possession of weapons" and a "murder" \
committed 19 years before. On 10 October 2017 he was sentenced to three \
years' incarceration and part of his assets was confiscated.

The declaration comes as the Council of Europe prepares to vote on "The \
Relations of the Council of Europe with Kazakhstan" in November 2017."""

_UPDATE_PACE_RU = """\
11 октября 2017 года **26 членов Парламентской ассамблеи Совета Европы \
(ПАСЕ)** подписали письменную декларацию с призывом немедленно прекратить \
политические репрессии, несправедливость и пытки в Республике Казахстан.

Декларацию подписали депутаты самых разных политических взглядов из разных \
национальных делегаций, в том числе:

- Штефан Шеннах (Австрия; SOC)
- лорд Дональд Андерсон (Великобритания; SOC)
- Андрес Херкель (Эстония; EPP/CD)
- Элис-Мэри Хиггинс (Ирландия; SOC)
- Луис Альберто Орельяна (Италия; SOC)
- Март ван де Вен (Нидерланды; ALDE)
- Гизела Вурм (Австрия; SOC)

В декларации говорится, что «власти Казахстана регулярно прибегают \
к фабрикации уголовных дел – например, под предлогом финансовых \
преступлений, терроризма или разжигания социальной розни – против мирных \
протестующих, блогеров, журналистов, оппозиционеров и их соратников». Среди \
незаконно арестованных и задержанных – лидеры нефтяников **Амин Елеусинов** \
и **Нурбек Кушакбаев**, участники протестов против земельной реформы \
**Макс Бокаев** и **Талгат Аян**, а также блогер и критик Путина \
**Санат Досов**. Казахстанские спецслужбы проводят незаконные экстрадиции – \
так произошло с **Жаксылыком Жаримбетовым**, похищенным беженцем и бывшим \
соратником находящегося в эмиграции оппозиционера Мухтара Аблязова. \
Экстрадиция грозит и бывшим руководителям и сотрудникам БТА Банка, таким как \
**Татьяна Параскевич** и **Анатолий Погорелов**. Уголовным преследованием \
угрожают даже родственникам – как в случае семей Храпуновых и Токмади, – \
чтобы получить ложные признания против оппозиции.

Члены ПАСЕ призвали немедленно освободить **Мухтара Джакишева** \
и **Муратхана Токмади**, которые отказались подписать показания против \
Мухтара Аблязова: «Применению пыток и лишению медицинской помощи как способу \
давления на политических заключенных нет оправдания».

- **Мухтар Джакишев**, известный бизнесмен и близкий друг Аблязова, \
содержится в Карагандинской области, в одном из самых суровых исправительных \
учреждений Казахстана. За более чем восемь лет заключения у него развилось \
хроническое заболевание, ему необходима срочная госпитализация. Комитет ООН \
по правам человека потребовал отменить приговор и освободить его.
- **Муратхан Токмади**, известный бизнесмен, был арестован по обвинению \
в «вымогательстве», якобы совершенном 12 лет назад. Сотрудники Комитета \
национальной безопасности требовали, чтобы он «признался» в совершенном \
в 2004 году убийстве, «заказанном Мухтаром Аблязовым», с которым он никогда \
не встречался. После его отказа против него возбудили еще два уголовных \
дела – о «хранении оружия» и «убийстве», совершенном 19 лет назад. \
10 октября 2017 года он был приговорен к трем годам лишения свободы \
с конфискацией части имущества.

Декларация появилась в то время, когда Совет Европы запланировал на ноябрь \
2017 года голосование по вопросу «Отношения Совета Европы с Казахстаном»."""

_UPDATE_PACE_PL = """\
11 października 2017 r. **26 członków Zgromadzenia Parlamentarnego Rady \
Europy (ZPRE)** podpisało deklarację pisemną wzywającą do natychmiastowego \
zaprzestania represji politycznych, niesprawiedliwości i tortur w Republice \
Kazachstanu.

Wśród sygnatariuszy znaleźli się parlamentarzyści z całego spektrum \
politycznego i z różnych delegacji narodowych, m.in.:

- Stefan Schennach (Austria; SOC)
- Lord Donald Anderson (Wielka Brytania; SOC)
- Andres Herkel (Estonia; EPP/CD)
- Alice-Mary Higgins (Irlandia; SOC)
- Luis Alberto Orellana (Włochy; SOC)
- Mart van de Ven (Holandia; ALDE)
- Gisela Wurm (Austria; SOC)

W deklaracji stwierdzono, że „władze Kazachstanu regularnie fabrykują \
sprawy karne – na przykład pod pretekstem przestępstw finansowych, \
terroryzmu lub podżegania do niepokojów społecznych – przeciwko pokojowym \
demonstrantom, blogerom, dziennikarzom, opozycjonistom i ich \
współpracownikom”. Wśród bezprawnie aresztowanych i zatrzymanych są \
przywódcy pracowników naftowych **Amin Eleusinov** i **Nurbek Qushaqbaev**, \
uczestnicy protestów przeciwko reformie rolnej **Maks Bokayev** i **Talgat \
Ayan** oraz **Sanat Dosov**, bloger krytykujący Putina. Kazachskie służby \
bezpieczeństwa przeprowadzają nielegalne ekstradycje – tak było w przypadku \
**Zhaksylyka Zharimbetova**, porwanego uchodźcy i byłego współpracownika \
przebywającego na emigracji opozycjonisty Mukhtara Ablyazova. Ekstradycja \
grozi także byłym menedżerom i pracownikom BTA Banku, takim jak **Tatiana \
Paraskevich** i **Anatoliy Pogorelov**. Groźba ścigania dotyka nawet członków \
rodzin – jak w przypadku rodzin Khrapunovów i Tokmadi – w celu wymuszenia \
fałszywych zeznań przeciwko opozycji.

Członkowie ZPRE wezwali do natychmiastowego uwolnienia **Mukhtara \
Dzhakisheva** i **Muratkhana Tokmadi**, którzy odmówili podpisania \
obciążających zeznań przeciwko Mukhtarowi Ablyazovowi: „Nic nie usprawiedliwia \
stosowania tortur i odmowy pomocy medycznej jako środków nacisku na więźniów \
politycznych”.

- **Mukhtar Dzhakishev**, znany biznesmen i bliski przyjaciel Ablyazova, \
jest przetrzymywany w obwodzie karagandyjskim, w jednym z najcięższych \
zakładów karnych w Kazachstanie. W ciągu ponad ośmiu lat pozbawienia wolności \
zapadł na przewlekłą chorobę i wymaga pilnej hospitalizacji. Komitet Praw \
Człowieka ONZ zażądał uchylenia wyroku i uwolnienia go.
- **Muratkhan Tokmadi**, znany biznesmen, został aresztowany pod zarzutem \
„wymuszenia” rzekomo popełnionego 12 lat wcześniej. Funkcjonariusze Komitetu \
Bezpieczeństwa Narodowego żądali, by „przyznał się” do popełnionego w 2004 r. \
zabójstwa „na zlecenie Mukhtara Ablyazova”, którego nigdy wcześniej nie \
spotkał. Po jego odmowie wszczęto przeciwko niemu dwie kolejne sprawy \
karne – o „posiadanie broni” i „zabójstwo” sprzed 19 lat. 10 października \
2017 r. został skazany na trzy lata pozbawienia wolności i częściową \
konfiskatę mienia.

Deklaracja pojawiła się w momencie, gdy Rada Europy zaplanowała na listopad \
2017 r. głosowanie w sprawie „Stosunków Rady Europy z Kazachstanem”."""

UPDATES = [
    {
        "key": "meps-letters",
        "date": "2017-11-13",
        "translations": {
            "en": {
                "title": "MEPs address Kazakhstani authorities on political prisoners and EU–Kazakhstan PCA",
                "body": _UPDATE_MEPS_EN,
            },
            "ru": {
                "title": "Депутаты Европарламента обратились к властям Казахстана по поводу политзаключенных и соглашения о партнерстве ЕС–Казахстан",
                "body": _UPDATE_MEPS_RU,
            },
            "pl": {
                "title": "Posłowie do PE zwracają się do władz Kazachstanu w sprawie więźniów politycznych i umowy o partnerstwie UE–Kazachstan",
                "body": _UPDATE_MEPS_PL,
            },
        },
    },
    {
        "key": "pace-declaration",
        "date": "2017-10-11",
        "translations": {
            "en": {
                "title": "PACE: \"Kazakhstan: political oppression, injustice and torture must be stopped\"",
                "body": _UPDATE_PACE_EN,
            },
            "ru": {
                "title": "ПАСЕ: «Казахстан: политические репрессии, несправедливость и пытки должны быть прекращены»",
                "body": _UPDATE_PACE_RU,
            },
            "pl": {
                "title": "ZPRE: „Kazachstan: represje polityczne, niesprawiedliwość i tortury muszą zostać powstrzymane”",
                "body": _UPDATE_PACE_PL,
            },
        },
    },
]

# ---------------------------------------------------------------------------
# Reminders organisers would set for key dates. Texts are final except for
# "{ordinal}" in the anniversary subject, which the app replaces with the
# ordinal number of the anniversary ("6th" / "6-я" / "6.").
# ---------------------------------------------------------------------------

_REMINDER_DEBATE_EN = """\
Tomorrow MEPs will debate the **Enhanced Partnership and Cooperation \
Agreement between the EU and Kazakhstan** in plenary, with high-ranking \
Kazakhstani officials taking part.

It is an opportunity for us all to once again raise the issue of political \
prisoners in Kazakhstan. Please help today:

- **Write to your MEPs** and ask them to speak up in the debate for \
Max Bokayev, Mukhtar Dzhakishev, Iskander Yerimbetov, Muratkhan Tokmadi and \
the other political prisoners.
- **Share the petition** "Appeal to stop torture in Kazakhstan and save \
political prisoners" with your friends.

We believe the extent of further cooperation with Kazakhstan should depend \
on the human rights situation in the country."""

_REMINDER_DEBATE_RU = """\
Завтра на пленарном заседании депутаты Европейского парламента обсудят \
**Соглашение о расширенном партнерстве и сотрудничестве между ЕС \
и Казахстаном**; в обсуждении примут участие высокопоставленные \
казахстанские чиновники.

Для всех нас это возможность еще раз поднять вопрос о политзаключенных \
Казахстана. Помогите уже сегодня:

- **Напишите депутатам Европарламента от вашей страны** и попросите их \
выступить в ходе обсуждения в защиту Макса Бокаева, Мухтара Джакишева, \
Искандера Еримбетова, Муратхана Токмади и других политических заключенных.
- **Поделитесь с друзьями петицией** «Остановите пытки в Казахстане \
и спасите политических заключенных».

Мы считаем, что степень дальнейшего сотрудничества с Казахстаном должна \
зависеть от того, насколько в стране соблюдаются права человека."""

_REMINDER_DEBATE_PL = """\
Jutro posłowie do Parlamentu Europejskiego będą debatować na posiedzeniu \
plenarnym nad **udoskonaloną umową o partnerstwie i współpracy między UE \
a Kazachstanem**, z udziałem wysokiej rangi kazachskich urzędników.

To dla nas szansa, aby jeszcze raz poruszyć problem więźniów politycznych \
w Kazachstanie. Pomóż już dziś:

- **Napisz do posłów do PE ze swojego kraju** i poproś ich, aby podczas \
debaty upomnieli się o Maxa Bokayeva, Mukhtara Dzhakisheva, Iskandera \
Yerimbetova, Muratkhana Tokmadi i innych więźniów politycznych.
- **Udostępnij znajomym petycję** „Apel o zaprzestanie stosowania tortur \
w Kazachstanie i uratowanie więźniów politycznych”.

Naszym zdaniem zakres dalszej współpracy z Kazachstanem powinien być \
uzależniony od stopnia przestrzegania praw człowieka w tym państwie."""

_REMINDER_VOTE_EN = """\
Tomorrow the European Parliament votes on the **Enhanced Partnership and \
Cooperation Agreement between the EU and Kazakhstan**. Before they vote, \
MEPs should hear from the people they represent.

How to reach your MEPs:

- Find the MEPs elected in your country on the European Parliament website \
(europarl.europa.eu), in the "MEPs" section.
- Send a short, polite e-mail in your own words – a personal message counts \
for more than a template.
- Ask them to make cooperation with Kazakhstan conditional on human rights \
and to call for the release of political prisoners such as Max Bokayev, \
Mukhtar Dzhakishev and Muratkhan Tokmadi.
- Mention that at least 35 people face politically motivated prosecution in \
Kazakhstan and that political prisoners are tortured and denied medical care.
- You can also phone their office: the contact details are on each MEP's \
page.

If you have not signed the petition yet, please do it today."""

_REMINDER_VOTE_RU = """\
Завтра Европейский парламент голосует по **Соглашению о расширенном \
партнерстве и сотрудничестве между ЕС и Казахстаном**. Перед голосованием \
депутаты должны услышать мнение тех, кого они представляют.

Как связаться с вашими депутатами:

- Найдите депутатов, избранных в вашей стране, на сайте Европейского \
парламента (europarl.europa.eu).
- Отправьте короткое вежливое письмо своими словами – личное обращение \
весит больше, чем шаблон.
- Попросите их поставить сотрудничество с Казахстаном в зависимость от \
соблюдения прав человека и призвать к освобождению политических \
заключенных, таких как Макс Бокаев, Мухтар Джакишев и Муратхан Токмади.
- Упомяните, что в Казахстане как минимум 35 человек подвергаются \
политически мотивированному преследованию, а политических заключенных \
пытают и лишают медицинской помощи.
- Можно также позвонить в офис депутата: контакты указаны на странице \
каждого депутата.

Если вы еще не подписали петицию, сделайте это сегодня."""

_REMINDER_VOTE_PL = """\
Jutro Parlament Europejski głosuje nad **udoskonaloną umową o partnerstwie \
i współpracy między UE a Kazachstanem**. Zanim posłowie oddadzą głos, \
powinni usłyszeć opinię swoich wyborców.

Jak dotrzeć do swoich posłów:

- Znajdź posłów wybranych w Twoim kraju na stronie Parlamentu Europejskiego \
(europarl.europa.eu), w zakładce „Posłowie do PE”.
- Wyślij krótki, uprzejmy e-mail własnymi słowami – osobista wiadomość \
znaczy więcej niż gotowy szablon.
- Poproś, aby uzależnili współpracę z Kazachstanem od przestrzegania praw \
człowieka i wezwali do uwolnienia więźniów politycznych, takich jak Max \
Bokayev, Mukhtar Dzhakishev i Muratkhan Tokmadi.
- Wspomnij, że w Kazachstanie co najmniej 35 osób jest prześladowanych na \
tle politycznym, a więźniowie polityczni są torturowani i pozbawiani opieki \
medycznej.
- Możesz też zadzwonić do biura posła: dane kontaktowe znajdziesz na jego \
stronie.

Jeśli petycja nie ma jeszcze Twojego podpisu, podpisz ją dziś."""

_REMINDER_ZHANAOZEN_EN = """\
On 16 December 2011, Kazakhstan's Independence Day, the authorities killed \
at least 16 protesters in Zhanaozen, western Kazakhstan. They ended a \
peaceful strike of local oil workers who demanded better working conditions \
and the right to free and independent trade union activities.

The massacre became the strongest symbol of injustice and repression in \
Kazakhstan. Trade union and civil society activists are still sent to prison \
for defending workers' rights and criticising the authorities.

Today, please remember the victims and stand with Kazakhstan's political \
prisoners: sign and share the "Appeal to stop torture in Kazakhstan and save \
political prisoners"."""

_REMINDER_ZHANAOZEN_RU = """\
16 декабря 2011 года, в День Независимости Казахстана, власти убили \
в Жанаозене по меньшей мере 16 участников протеста. Так была подавлена \
мирная забастовка местных нефтяников, требовавших улучшить условия труда \
и дать им право на свободную независимую профсоюзную деятельность.

Этот расстрел стал главным символом несправедливости и репрессий \
в Казахстане. Профсоюзных и гражданских активистов до сих пор сажают \
в тюрьму за защиту прав работников и критику властей.

Сегодня вспомним погибших и поддержим политических заключенных Казахстана: \
подпишите петицию «Остановите пытки в Казахстане и спасите политических \
заключенных» и поделитесь ею."""

_REMINDER_ZHANAOZEN_PL = """\
16 grudnia 2011 r., w Dniu Niepodległości Kazachstanu, władze zabiły \
w Zhanaozen co najmniej 16 uczestników protestu. Tak zakończył się pokojowy \
strajk miejscowych pracowników naftowych, którzy domagali się poprawy \
warunków pracy i prawa do swobodnej, niezależnej działalności związkowej.

Masakra stała się głównym symbolem niesprawiedliwości i represji \
w Kazachstanie. Działacze związkowi i społeczni wciąż trafiają do więzienia \
za obronę praw pracowniczych i krytykę władz.

Uczcijmy dziś pamięć ofiar i stańmy po stronie więźniów politycznych \
w Kazachstanie: podpisz i udostępnij „Apel o zaprzestanie stosowania tortur \
w Kazachstanie i uratowanie więźniów politycznych”."""

KEY_DATE_REMINDERS = [
    {
        "key_date": "ep-debate",
        "offset_days": 1,
        "at_local_time": "08:00",
        "translations": {
            "en": {
                "subject": "Tomorrow the European Parliament debates the EU–Kazakhstan agreement",
                "body": _REMINDER_DEBATE_EN,
            },
            "ru": {
                "subject": "Завтра Европарламент обсуждает соглашение ЕС–Казахстан",
                "body": _REMINDER_DEBATE_RU,
            },
            "pl": {
                "subject": "Jutro Parlament Europejski debatuje nad umową UE–Kazachstan",
                "body": _REMINDER_DEBATE_PL,
            },
        },
    },
    {
        "key_date": "ep-vote",
        "offset_days": 1,
        "at_local_time": "08:00",
        "translations": {
            "en": {
                "subject": "Tomorrow MEPs vote on the EU–Kazakhstan agreement — here is how to reach yours",
                "body": _REMINDER_VOTE_EN,
            },
            "ru": {
                "subject": "Завтра депутаты Европарламента голосуют по соглашению ЕС–Казахстан — вот как связаться с вашими депутатами",
                "body": _REMINDER_VOTE_RU,
            },
            "pl": {
                "subject": "Jutro posłowie do PE głosują nad umową UE–Kazachstan — oto jak dotrzeć do posłów z Twojego kraju",
                "body": _REMINDER_VOTE_PL,
            },
        },
    },
    {
        "key_date": "zhanaozen-anniversary",
        "offset_days": 0,
        "at_local_time": "08:00",
        "translations": {
            "en": {
                "subject": "Today is the {ordinal} anniversary of the Zhanaozen massacre",
                "body": _REMINDER_ZHANAOZEN_EN,
            },
            "ru": {
                "subject": "Сегодня {ordinal} годовщина Жанаозенского расстрела",
                "body": _REMINDER_ZHANAOZEN_RU,
            },
            "pl": {
                "subject": "Dziś {ordinal} rocznica masakry w Zhanaozen",
                "body": _REMINDER_ZHANAOZEN_PL,
            },
        },
    },
]
