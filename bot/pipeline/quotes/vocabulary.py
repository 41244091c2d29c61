"""Word lists for quote attribution (en, ru, uk, de, fr, es), all lower case.

Written for news prose: reporting verbs, the roles and titles that sit next to names, and the
words that look like names but are institutions or places (so 'the Kremlin said' gets no person speaker).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_EN_VERBS = """
said says say told tells added adds wrote writes stressed stresses noted notes explained
explains insisted asserted asserts
insists argued argues warned warns claimed claims declared declares announced announces replied
replies
responded responds asked asks continued continues recalled recalls admitted admits acknowledged
acknowledges emphasized emphasised emphasizes emphasises remarked remarks observed observes
commented
comments tweeted tweets posted posts stated states concluded concludes complained complains
urged urges
conceded concedes predicted predicts promised promises joked jokes quipped quips cautioned cautions
maintained maintains countered counters shouted shouts whispered whispers recounted recounts agreed
agrees vowed vows pledged pledges suggested suggests
answered answers reported reports sang sings testified testifies boasted boasts bragged brags mused
muses scoffed scoffs lamented laments exclaimed exclaims demanded demands interjected interjects
retorted retorts opined opines reiterated reiterates reasoned reasons charged charges alleged alleges
contended contends confirmed confirms elaborated elaborates emailed emails texted texts echoed
echoes implored implores wondered wonders mocked mocks touted touts thundered thunders yelled yells
screamed screams cried cries recalls read reads offered offers chided chides gushed gushes
explained predicted conceded went pressed presses fumed fumes snapped snaps fired jabbed
reacted reacts estimated estimates pointed points proclaimed proclaims scolded scolds teased teases
griped gripes marveled marvelled marvels
"""
_RU_VERBS = """
заявил заявила заявили заявляет сказал сказала сказали говорит говорил говорила отметил отметила
отмечает сообщил сообщила сообщает подчеркнул подчеркнула подчеркивает подчёркивает добавил добавила
написал написала пишет пояснил пояснила указал указала заметил заметила признал признала признался
призналась уточнил уточнила рассказал рассказала рассказывает ответил ответила считает утверждает
утверждал утверждала констатировал констатировала объяснил объяснила напомнил напомнила предупредил
предупредила резюмировал резюмировала цитирует заверил заверила настаивает настаивал возразил
возразила посетовал посетовала пообещал пообещала призвал призвала вспоминает вспомнил вспомнила
"""
# Participles: the speaker is the subject of the clause ('Peskov rejected it, saying “…”').
_PARTICIPLES = (
    "saying adding noting writing stressing warning arguing insisting telling explaining declaring"
    " asking tweeting calling posting joking quipping recalling claiming urging suggesting"
    " vowing promising acknowledging admitting asserting complaining predicting remarking"
    " replying responding answering conceding boasting chiding scolding proclaiming"
    " заявив сказав отметив добавив заявивши сказавши додавши"
)
# German, French, Spanish and Ukrainian reporting verbs, as news prose uses them: 'sagte X',
# '« … », a déclaré X', '“…”, afirmó X', '«…», — наголосив він'.
_DE_VERBS = """
sagte sagten sagt sagen erklärte erklärt erklärten betonte betont betonten meinte meint
kritisierte kritisiert warnte warnt schrieb schreibt fügte fügt ergänzte ergänzt forderte fordert
sprach spricht berichtete berichtet erläuterte erläutert unterstrich unterstreicht räumte räumt
versprach verspricht verwies verweist bekräftigte bekräftigt mahnte mahnt gesagt erklärt betont
antwortete antwortet teilte teilt bestätigte bestätigt
"""
_FR_VERBS = """
a-t-il a-t-elle déclaré déclare déclarait dit dit-il dit-elle affirmé affirme affirmait expliqué
explique expliquait souligné souligne ajouté ajoute estimé estime assuré assure indiqué indique
précisé précise confié confie martelé martèle lancé lance insisté insiste regretté regrette
reconnu reconnaît averti avertit dénoncé dénonce répondu répond rappelé rappelle poursuivi
poursuit raconté raconte écrit commenté commente annoncé annonce prévenu déplore déploré jugé juge
"""
_ES_VERBS = """
dijo dice decía afirmó afirma afirmaba declaró declara aseguró asegura explicó explica señaló
señala añadió añade agregó agrega indicó indica subrayó subraya destacó destaca manifestó
manifiesta advirtió advierte insistió insiste reconoció reconoce sostuvo sostiene apuntó apunta
comentó comenta aseveró expresó expresa criticó critica denunció denuncia lamentó lamenta
recordó recuerda precisó precisa escribió escribe respondió responde relató relata contó cuenta
"""
_UK_VERBS = """
заявив заявила заявили заявляє сказав сказала сказали каже казав казала наголосив наголосила
наголошує зазначив зазначила зазначає повідомив повідомила повідомляє додав додала підкреслив
підкреслила пояснив пояснила розповів розповіла розповідає написав написала пише відповів
відповіла визнав визнала вважає переконаний переконана запевнив запевнила нагадав нагадала
попередив попередила закликав закликала поскаржився поскаржилася уточнив уточнила висловився
висловилася констатував констатувала заявляв заявляла
"""
_RU_MORE_VERBS = """
пожаловался пожаловалась поделился поделилась подытожил подытожила высказался высказалась
добавляет объясняет поясняет уверен уверена убежден убеждена считал считала жалуется признает
признаёт сообщили рассказали отметили подчеркнули
"""

SPEECH_VERBS = (
    _words(_EN_VERBS)
    | _words(_RU_VERBS)
    | _words(_RU_MORE_VERBS)
    | _words(_DE_VERBS)
    | _words(_FR_VERBS)
    | _words(_ES_VERBS)
    | _words(_UK_VERBS)
)
PARTICIPLES = _words(_PARTICIPLES)
# Role nouns that stand for a person the article introduced ('the Texas senator said'), with the
# title abbreviations that introduce them ('Sen. Ted Cruz').
ROLE_NOUNS = _words(
    """senator spokesman spokeswoman spokesperson candidate nominee governor secretary president
    congressman congresswoman representative mayor chairman chairwoman chair official aide
    adviser advisor billionaire businessman frontrunner front-runner director leader minister
    speaker strategist manager senator-elect justice judge attorney prosecutor professor
    economist analyst pollster historian author founder executive ambassador general commander
    chief officer lawmaker lawyer activist
    сенатор губернатор министр президент мэр политик депутат представитель глава
    сенатор міністр президент мер речник голова депутат
    minister ministerin bürgermeister bürgermeisterin sprecher sprecherin präsident präsidentin
    kanzler kanzlerin ministre maire président présidente porte-parole ministra alcalde alcaldesa
    presidente presidenta portavoz"""
)
ROLE_ABBREVIATIONS = {"sen": "senator", "gov": "governor", "rep": "congressman", "sec": "secretary"}
# Verbs that put someone's words in quotes without reporting speech ('Bolton called Obama's
# ignorance “disrespectful …”', 'Anthony describes her as “…”'): their subject is the speaker
# of a quote that follows in the sentence; a name after them is the object, never the speaker.
DESCRIBING = _words(
    """called calls calling described describes describing labeled labelled labels branded
    dubbed deemed labeling labelling responding tweeting praised praises accused accuses pondered ponders expressed
    expresses attacked attacks slammed slams blasted blasts criticized criticised criticizes
    dismissed dismisses derided derides hailed hails decried decries denounced denounces
    nannte bezeichnete qualifié qualifie calificó назвал назвала назвав"""
)
# Verbs whose following name is the listener, not the speaker ('told Reuters', 'asked the judge').
ADDRESSED = _words("told tells asked asks")
PRONOUNS = {
    **{"he": "m", "she": "f", "он": "m", "она": "f", "він": "m", "вона": "f"},
    **{"er": "m", "sie": "f", "il": "m", "elle": "f", "él": "m", "ella": "f"},
    **{"a-t-il": "m", "a-t-elle": "f", "dit-il": "m", "dit-elle": "f"},
}

# Words allowed between a speaker's name and the verb ('Peskov also said', 'Песков ранее заявил').
FILLERS = _words(
    """also later then has had have was is are were been once again previously earlier recently repeatedly further
    reportedly finally simply only just тоже также ранее уже ещё еще вновь снова затем позже потом
    лишь прямо також вже ще знову раніше auch noch bereits zudem aussi également encore déjà
    a ont también ya ha han hat haben"""
)
# Lower-case words that may sit between a reporting verb and the name ('said Kremlin spokesman X').
ROLE_WORDS = _words(
    """the a an spokesman spokeswoman spokesperson minister president secretary senator official
    director chief leader head ambassador analyst professor expert founder ceo chairman chairwoman
    governor mayor general commander deputy adviser advisor aide press foreign defense defence prime
    vice state former acting then its his her their in an of for to at on reporters journalists
    manager strategist constituent delegate consultant pollster operative ally campaign
    пресс-секретарь министр президент президента премьер премьер-министр глава главы депутат сенатор
    посол директор руководитель представитель представительница официальный официальная лидер
    эксперт
    аналитик политолог губернатор мэр спикер председатель замглавы заместитель советник помощник
    генсек генеральный секретарь вице-премьер канцлер журналистам репортерам репортёрам министра
    министерства ведомства главе российского российский американский пресс-службы
    речник речниця міністр президента голова мер депутат депутатка посол керівник керівниця
    представник представниця очільник очільниця директор директорка журналістам українського
    der die das dem den des ein eine einer einem
    la le les l du de des un une maire ministre présidente président porte-parole député députée
    directeur directrice premier première adjoint adjointe secrétaire chef cheffe responsable
    el los las al del una alcaldesa alcalde portavoz presidenta concejal concejala consejero
    consejera directora secretario secretaria diputado diputada jefe jefa líder ministra
    """
)
ACCORDING = (
    ("according", "to"),
    ("за", "словами"),
    ("на", "думку"),
    ("selon", ""),
    ("según", ""),
    ("laut", ""),
    ("по", "словам"),
    ("по", "мнению"),
    ("as", "put"),
    ("words", "of"),
)

# Capitalized words that are titles or roles, not names: stripped from the front of a name.
TITLES = _words(
    """president vice prime minister foreign defense defence interior finance secretary state
    general
    attorney press spokesman spokeswoman spokesperson chancellor premier chairman chairwoman chair
    chief
    executive officer director deputy senator sen rep representative congressman congresswoman
    governor
    gov mayor king queen prince princess pope judge justice ambassador commissioner professor prof
    dr mr
    mrs ms mx sir dame lord lady gen col lt capt sgt maj adm colonel captain lieutenant sergeant
    major
    admiral marshal commander speaker leader head rev reverend father bishop archbishop patriarch
    cardinal sheikh kremlin white house pentagon health economy trade education energy labor labour
    transport culture ceo founder coach manager dean inspector detective sheriff editor u.s us uk un
    u.n eu nato former acting then senior top national security adviser advisor
    президент президента премьер премьер-министр министр глава пресс-секретарь представитель
    представительница официальный директор губернатор мэр депутат сенатор спикер председатель генсек
    генеральный секретарь посол замглавы заместитель вице-премьер канцлер патриарх лидер
    руководитель
    советник помощник мид рф сша оон ес нато кремля кремль минобороны госдепа госдеп фсб
    del herr frau bundeskanzler bundeskanzlerin kanzlerin ministerin bundespräsident präsident
    präsidentin vorsitzende vorsitzender professorin direktorin leiterin abgeordnete abgeordneter
    assemblyman assemblywoman councilman councilwoman alderman delegate
    senatorin landrat landrätin trainer trainerin kämmerin kämmerer meteorologe meteorologin councillor farmer economist экономист monsieur madame mme mlle señor señora sr sra
    doña
    actor actress filmmaker director producer journalist reporter columnist commentator host
    anchor rabbi pastor imam priest whip advocate activist billionaire businessman businesswoman
    staff author writer novelist comedian singer rapper historian analyst strategist pollster
    lawyer candidate nominee lawmaker
    """
)
HONORIFICS = _words("mr mrs ms mx dr prof sir dame lord lady del sr sra mme")
# Endings of German role nouns, which are capitalized like names ('Oberbürgermeister', 'Sprecherin').
GERMAN_ROLE_ENDINGS = (
    "sprecher", "sprecherin", "minister", "ministerin", "präsident", "präsidentin", "meister",
    "meisterin", "chef", "chefin", "leiter", "leiterin", "direktor", "direktorin", "vorsitzende",
    "vorsitzender", "experte", "expertin", "abgeordnete", "abgeordneter", "kanzler", "kanzlerin",
    "berater", "beraterin", "sekretär", "sekretärin", "führer", "führerin",
)  # fmt: skip

# Capitalized words that never belong to a person's name (institutions, places, calendar words).
NOT_NAMES = _words(
    """show podcast the a an this that these those it its we they he she i you our their his her but and or
    so yet
    if when while after before in on at by for from of to with as according speaking asked meanwhile
    however still later earlier then there here what who why how
    kremlin ministry office agency service times news post party committee council bank court
    department
    government house union army forces police university institute company corp inc ltd group
    association foundation commission organization organisation administration parliament duma
    senate
    congress assembly press novosti reuters interfax tass ria bloomberg ap afp bbc cnn journal
    channel
    tv radio network agency command republic federation kingdom states nations
    russia russian moscow ukraine ukrainian kyiv kiev washington america american china chinese
    beijing
    europe european britain british london france french paris germany german berlin syria syrian
    aleppo damascus israel israeli iran turkey nato un eu
    new north south east west united saint san los las great street city river island square
    avenue road county region district airport station bridge lake mountain park hospital school
    church cathedral museum centre center market stadium club team fc league cup award prize act
    law treaty war day week month year province state hotel
    facebook twitter instagram youtube telegram tiktok liveleak reddit linkedin weibo vk whatsapp
    mail guardian telegraph independent observer express mirror abc nbc cbs sky itv
    police officials official witnesses experts critics residents doctors analysts sources
    authorities
    investigators prosecutors scientists researchers officers others many some both all neither
    supporters opponents lawmakers protesters observers diplomats people everyone nobody
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july
    august september october november december oct nov dec jan feb mar apr aug sep sept
    кремль кремля министерство ведомство правительство служба агентство госдума дума суд комитет
    совет
    партия банк компания университет институт мид оон нато ес сша рф тасс риа интерфакс коммерсантъ
    ведомости новости россия россии москва москвы украина украины киев киева сша вашингтон китай
    китая
    европа европы германия германии франция франции сирия сирии алеппо
    он она они мы это этот эта но и а в на по как что когда после при для из к с о об
    понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье
    air force pac super republican republicans democrat democrats democratic gop dem dems labour conservative
    conservatives tory tories liberal liberals libertarian independent americans fellow mexican
    yorker jama psychiatry lancet nature science
    stadt polizei regierung bundesregierung ministerium bundestag partei verwaltung unternehmen
    zeitung behörde gemeinde rathaus landkreis deutsche deutscher deutschen wetterdienst verein
    mairie gouvernement ministère préfecture ayuntamiento gobierno ministerio policía
    україна україни київ києва уряд міністерство мерія
    """
)

# Words of NOT_NAMES that are also surnames after a first name ('Marty West', 'Don Guardian',
# 'Michael Bloomberg', 'Kerry Washington', 'Theresa May'); the generic place and institution words
# ('Warren County', 'Kent State', 'Grace Church') are not.
SURNAMES_TOO = _words(
    "washington bloomberg guardian west north south east london paris berlin may law independent"
)
# News outlets as a quote's source ('“…,” Fox News reported', 'according to CNN'): the last word
# of an outlet's name, and outlets of one word (acronyms such as CNN, NPR, AP count as well).
OUTLET_WORDS = _words(
    """news times post journal tribune herald gazette telegraph guardian magazine press radio
    television network wire daily examiner observer chronicle today reporter monitor"""
)
OUTLETS = _words(
    """cnn msnbc politico breitbart reuters bloomberg axios fox npr pbs bbc afp ap buzzfeed
    mediaite slate vox newsmax nbc cbs abc tass interfax"""
)
# Lower-case words that say the next capitalized name is a person ('spokesperson Dmitry Peskov').
# Articles and prepositions that put an institution after a role ('la ministre du Travail',
# 'el consejero de Sanidad', 'a spokesman for Aena'): a lone capitalized word after one is no name.
COMPLEMENTS = _words(
    """of for at der die das dem den des ein eine einer einem la le les l du de des un une el los
    las al del una von vom zur zum"""
)
PERSON_ROLES = (
    ROLE_WORDS
    - COMPLEMENTS
    - _words("the a an in to on its his her their reporters journalists журналистам журналістам")
)
# Lower-case particles inside a name ('Rubén del Campo', 'Luis de la Fuente', 'Ursula von der
# Leyen').
PARTICLES = _words("de del la van von der den da di du le dos das")
# Words that start an appositive after a name ('Dmitry Peskov, the Kremlin’s spokesperson, said').
APPOSITIVE_STARTS = _words(
    "the a an who whose глава пресс-секретарь министр президент который которая"
)
