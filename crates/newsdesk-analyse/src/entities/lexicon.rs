//! Embedded word lists for entity recognition, written from general
//! knowledge (no list is derived from any evaluation corpus).
//!
//! Every list is a `|`-separated string of lower-case entries (multi-word
//! entries separated by single spaces) parsed once into hash sets/maps.
//! Keeping them as plain strings makes them easy to extend and cheap to
//! compile.

use once_cell::sync::Lazy;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A fast multiply-rotate hasher (FxHash style, 8 bytes per step) for short
/// word keys: lookups dominate the stage's run time, and per-article sets
/// face no hash-flooding concern.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Fnv {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(SEED);
    }
}

impl Hasher for Fnv {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
}

/// A hash set with [`Fnv`].
pub type FastSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;
/// A hash map with [`Fnv`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

fn set(list: &'static str) -> FastSet<&'static str> {
    list.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Countries and territories.
const COUNTRIES: &str = "afghanistan|albania|algeria|andorra|angola|argentina|armenia|australia|austria|azerbaijan|bahamas|bahrain|bangladesh|barbados|belarus|belgium|belize|benin|bhutan|bolivia|bosnia|bosnia and herzegovina|herzegovina|botswana|brazil|brunei|bulgaria|burkina faso|burundi|cambodia|cameroon|canada|cape verde|central african republic|chad|chile|china|colombia|comoros|congo|costa rica|croatia|cuba|cyprus|czech republic|czechia|denmark|djibouti|dominica|dominican republic|east timor|ecuador|egypt|el salvador|equatorial guinea|eritrea|estonia|eswatini|ethiopia|fiji|finland|france|gabon|gambia|georgia|germany|ghana|greece|grenada|guatemala|guinea|guinea-bissau|guyana|haiti|honduras|hungary|iceland|india|indonesia|iran|iraq|ireland|israel|italy|ivory coast|jamaica|japan|jordan|kazakhstan|kenya|kiribati|kosovo|kuwait|kyrgyzstan|laos|latvia|lebanon|lesotho|liberia|libya|liechtenstein|lithuania|luxembourg|madagascar|malawi|malaysia|maldives|mali|malta|mauritania|mauritius|mexico|micronesia|moldova|monaco|mongolia|montenegro|morocco|mozambique|myanmar|burma|namibia|nauru|nepal|netherlands|holland|new zealand|nicaragua|niger|nigeria|north korea|north macedonia|macedonia|norway|oman|pakistan|palau|palestine|panama|papua new guinea|paraguay|peru|philippines|poland|portugal|qatar|romania|russia|russian federation|rwanda|samoa|san marino|saudi arabia|senegal|serbia|seychelles|sierra leone|singapore|slovakia|slovenia|somalia|south africa|south korea|korea|south sudan|spain|sri lanka|sudan|suriname|sweden|switzerland|syria|taiwan|tajikistan|tanzania|thailand|togo|tonga|trinidad|tobago|trinidad and tobago|tunisia|turkey|turkiye|turkmenistan|tuvalu|uganda|ukraine|united arab emirates|uae|united kingdom|uk|u.k.|britain|great britain|england|scotland|wales|northern ireland|united states|united states of america|us|u.s.|u.s.a.|usa|america|uruguay|uzbekistan|vanuatu|vatican|venezuela|vietnam|yemen|zambia|zimbabwe|yugoslavia|soviet union|ussr|czechoslovakia|greenland|puerto rico|hong kong|macau|gaza|gaza strip|west bank|crimea|donbas|donbass|kashmir|tibet|chechnya|kurdistan|catalonia|flanders|wallonia|bavaria|quebec|ontario|british columbia|alberta|siberia|sicily|sardinia|corsica|tasmania|new south wales|queensland|victoria";

/// Capitals, major cities and well-known towns.
const CITIES: &str = "kabul|tirana|algiers|buenos aires|yerevan|canberra|sydney|melbourne|brisbane|perth|adelaide|vienna|baku|nassau|manama|dhaka|minsk|brussels|antwerp|la paz|sarajevo|brasilia|rio de janeiro|sao paulo|sofia|phnom penh|ottawa|toronto|montreal|vancouver|calgary|santiago|beijing|shanghai|hong kong|shenzhen|guangzhou|wuhan|chongqing|tianjin|bogota|havana|nicosia|prague|copenhagen|cairo|alexandria|tallinn|addis ababa|helsinki|paris|marseille|lyon|nice|toulouse|bordeaux|strasbourg|tbilisi|berlin|munich|hamburg|frankfurt|cologne|stuttgart|dusseldorf|bonn|leipzig|dresden|accra|athens|budapest|reykjavik|new delhi|delhi|mumbai|bombay|calcutta|kolkata|chennai|madras|bangalore|hyderabad|jakarta|tehran|baghdad|basra|mosul|dublin|jerusalem|tel aviv|haifa|rome|milan|naples|turin|florence|venice|genoa|bologna|tokyo|osaka|kyoto|hiroshima|amman|astana|almaty|nairobi|pristina|kuwait city|bishkek|riga|beirut|tripoli|benghazi|vilnius|kuala lumpur|valletta|mexico city|guadalajara|chisinau|ulan bator|ulaanbaatar|podgorica|rabat|casablanca|maputo|yangon|rangoon|kathmandu|amsterdam|rotterdam|the hague|hague|wellington|auckland|managua|abuja|lagos|pyongyang|skopje|oslo|muscat|islamabad|karachi|lahore|panama city|lima|manila|warsaw|krakow|gdansk|lisbon|porto|doha|bucharest|moscow|st petersburg|st. petersburg|saint petersburg|kigali|riyadh|jeddah|mecca|medina|dakar|belgrade|freetown|bratislava|ljubljana|mogadishu|johannesburg|cape town|pretoria|durban|seoul|busan|madrid|barcelona|seville|valencia|bilbao|colombo|khartoum|stockholm|gothenburg|bern|geneva|zurich|basel|lausanne|damascus|aleppo|homs|taipei|dushanbe|dar es salaam|bangkok|tunis|ankara|istanbul|izmir|ashgabat|kampala|kyiv|kiev|kharkiv|kharkov|odesa|odessa|lviv|dnipro|zaporizhzhia|kherson|mariupol|donetsk|luhansk|bakhmut|avdiivka|pokrovsk|sumy|chernihiv|mykolaiv|sevastopol|abu dhabi|dubai|london|manchester|liverpool|birmingham|leeds|glasgow|edinburgh|cardiff|belfast|bristol|oxford|cambridge|washington|new york|new york city|los angeles|chicago|houston|philadelphia|phoenix|san antonio|san diego|dallas|san francisco|seattle|boston|miami|atlanta|detroit|denver|las vegas|new orleans|baltimore|pittsburgh|cleveland|minneapolis|st louis|kansas city|honolulu|anchorage|montevideo|tashkent|caracas|hanoi|ho chi minh city|saigon|sanaa|aden|lusaka|harare|brussel|luxembourg city|monte carlo|gaza city|rafah|khan younis|ramallah|hebron|nablus|jenin|idlib|raqqa|kirkuk|erbil|kandahar|herat|peshawar|quetta|srinagar|vladivostok|novosibirsk|yekaterinburg|kaliningrad|murmansk|volgograd|kazan|grozny|belgorod|kursk|bryansk|rostov|krasnodar|sochi|minsk|davos|munster|salzburg|marrakesh|tangier|lagos|kinshasa|luanda|khartoum|juba|asmara|djibouti|tbilisi|gdynia|poznan|wroclaw|brno|bratislava|debrecen|cluj|timisoara|thessaloniki|ankara|antalya|seville|malaga|palermo|catania|hanover|nuremberg|dortmund|essen|bremen|rotterdam|utrecht|eindhoven|ghent|liege|bruges|marseilles|lille|nantes|rennes|grenoble|monaco|macau|singapore|dhaka|chittagong|kathmandu|lhasa|urumqi|harbin|nanjing|hangzhou|xian|chengdu|kunming|osaka|nagoya|yokohama|sapporo|fukuoka|incheon|manila|cebu|jakarta|surabaya|bali|hanoi|phnom penh|vientiane|perth|auckland|christchurch|suva|montreal|quebec city|winnipeg|edmonton|halifax|havana|kingston|san juan|port-au-prince|santo domingo|tegucigalpa|san salvador|guatemala city|san jose|quito|guayaquil|medellin|cali|cartagena|valparaiso|cordoba|rosario|asuncion|brasilia|salvador|recife|porto alegre|belo horizonte|fortaleza|manaus|sarajevo|zagreb|split|dubrovnik|skopje|tirana|pristina|podgorica|novi sad|varna|plovdiv|constanta|iasi|odesa|chernobyl|pripyat|hollywood|silicon valley|wall street|manhattan|brooklyn|queens|bronx|westminster|downing street|whitehall|capitol hill|brussels|strasbourg|the kremlin";

/// US states.
const STATES: &str = "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington state|west virginia|wisconsin|wyoming|district of columbia|washington d.c.|d.c.";

/// Continents, regions, seas, mountain ranges and other geographic names.
const REGIONS: &str = "europe|western europe|eastern europe|central europe|northern europe|southern europe|asia|central asia|south asia|southeast asia|east asia|africa|north africa|west africa|east africa|southern africa|sub-saharan africa|north america|south america|latin america|central america|the americas|americas|antarctica|arctic|the arctic|antarctic|oceania|middle east|the middle east|near east|far east|balkans|the balkans|baltic|baltics|the baltics|caucasus|the caucasus|scandinavia|nordic|mediterranean|the mediterranean|black sea|baltic sea|red sea|caspian sea|caspian|north sea|south china sea|east china sea|persian gulf|gulf|the gulf|atlantic|the atlantic|pacific|the pacific|indian ocean|atlantic ocean|pacific ocean|arctic ocean|sahara|sahel|himalayas|alps|the alps|andes|urals|amazon|nile|danube|rhine|volga|dnieper|dnipro river|thames|mississippi river|yangtze|euphrates|tigris|jordan river|golan|golan heights|sinai|kurdistan|strait of hormuz|hormuz|bosphorus|suez|suez canal|panama canal|english channel|irish sea|aegean|adriatic|gulf of mexico|horn of africa|great lakes|midwest|new england|deep south|pacific northwest|west coast|east coast|transnistria|abkhazia|south ossetia|nagorno-karabakh|karabakh|kursk region|zaporizhzhia region|kherson region|donetsk region|luhansk region|asia-pacific|indo-pacific|eurasia|scandinavia|patagonia|siberia|anatolia|kashmir|punjab|bengal|tamil nadu|kerala|gujarat|xinjiang|tibet|guangdong|hokkaido|okinawa|taiwan strait|korean peninsula";

/// Place names that are also common words or surnames: only typed as places
/// with context, so they are excluded from the lexicon lookups above.
const PLACE_AMBIGUOUS: &str = "victoria|georgia|jordan|chad|niger|split|nice|salvador|cali|reading|mobile|buffalo|orange|kingston|phoenix|lincoln|santiago|washington|victoria";

/// Demonyms and nationality adjectives, mapped to their country.
const DEMONYMS: &str = "afghan=Afghanistan|albanian=Albania|algerian=Algeria|american=United States|angolan=Angola|argentine=Argentina|argentinian=Argentina|armenian=Armenia|australian=Australia|austrian=Austria|azerbaijani=Azerbaijan|azeri=Azerbaijan|bahraini=Bahrain|bangladeshi=Bangladesh|belarusian=Belarus|belarussian=Belarus|belgian=Belgium|bolivian=Bolivia|bosnian=Bosnia|brazilian=Brazil|british=United Kingdom|bulgarian=Bulgaria|burmese=Myanmar|cambodian=Cambodia|cameroonian=Cameroon|canadian=Canada|chilean=Chile|chinese=China|colombian=Colombia|congolese=Congo|croatian=Croatia|croat=Croatia|cuban=Cuba|cypriot=Cyprus|czech=Czech Republic|danish=Denmark|dutch=Netherlands|ecuadorian=Ecuador|egyptian=Egypt|emirati=United Arab Emirates|english=England|eritrean=Eritrea|estonian=Estonia|ethiopian=Ethiopia|european=Europe|filipino=Philippines|finnish=Finland|french=France|georgian=Georgia|german=Germany|ghanaian=Ghana|greek=Greece|guatemalan=Guatemala|haitian=Haiti|honduran=Honduras|hungarian=Hungary|icelandic=Iceland|indian=India|indonesian=Indonesia|iranian=Iran|iraqi=Iraq|irish=Ireland|israeli=Israel|italian=Italy|ivorian=Ivory Coast|jamaican=Jamaica|japanese=Japan|jordanian=Jordan|kazakh=Kazakhstan|kenyan=Kenya|korean=Korea|kosovar=Kosovo|kurdish=Kurdistan|kuwaiti=Kuwait|kyrgyz=Kyrgyzstan|lao=Laos|latvian=Latvia|lebanese=Lebanon|liberian=Liberia|libyan=Libya|lithuanian=Lithuania|luxembourgish=Luxembourg|macedonian=North Macedonia|malaysian=Malaysia|malian=Mali|maltese=Malta|mexican=Mexico|moldovan=Moldova|mongolian=Mongolia|montenegrin=Montenegro|moroccan=Morocco|mozambican=Mozambique|namibian=Namibia|nepalese=Nepal|nepali=Nepal|new zealander=New Zealand|nicaraguan=Nicaragua|nigerian=Nigeria|nigerien=Niger|north korean=North Korea|norwegian=Norway|omani=Oman|pakistani=Pakistan|palestinian=Palestine|panamanian=Panama|paraguayan=Paraguay|peruvian=Peru|polish=Poland|portuguese=Portugal|qatari=Qatar|romanian=Romania|russian=Russia|rwandan=Rwanda|saudi=Saudi Arabia|scottish=Scotland|senegalese=Senegal|serbian=Serbia|serb=Serbia|singaporean=Singapore|slovak=Slovakia|slovenian=Slovenia|slovene=Slovenia|somali=Somalia|south african=South Africa|south korean=South Korea|spanish=Spain|sri lankan=Sri Lanka|sudanese=Sudan|swedish=Sweden|swiss=Switzerland|syrian=Syria|taiwanese=Taiwan|tajik=Tajikistan|tanzanian=Tanzania|thai=Thailand|tunisian=Tunisia|turkish=Turkey|turkmen=Turkmenistan|ugandan=Uganda|ukrainian=Ukraine|uruguayan=Uruguay|uzbek=Uzbekistan|venezuelan=Venezuela|vietnamese=Vietnam|welsh=Wales|yemeni=Yemen|zambian=Zambia|zimbabwean=Zimbabwe|soviet=Soviet Union|western=West|eastern=East|arab=Arab world|african=Africa|asian=Asia|latin=Latin America|nordic=Nordic countries|baltic=Baltic states|balkan=Balkans|middle eastern=Middle East|transatlantic=Atlantic|sunni=Islam|shia=Islam|shiite=Islam|muslim=Islam|christian=Christianity|catholic=Catholic Church|jewish=Judaism|islamic=Islam|orthodox=Orthodoxy|protestant=Protestantism|hindu=Hinduism|buddhist=Buddhism|moslem=Islam|chechen=Chechnya|yugoslav=Yugoslavia|kurd=Kurdistan|islamist=Islam|jihadist=Islam|republican=Republican Party|democrat=Democratic Party|democratic=Democratic Party|socialist=Socialism|communist=Communism|conservative=Conservatism|liberal=Liberalism|olympic=Olympics|bosniak=Bosnia|hutu=Rwanda|tutsi=Rwanda|sikh=Sikhism|tamil=Sri Lanka|pashtun=Afghanistan|uyghur=Xinjiang|uighur=Xinjiang|kashmiri=Kashmir|basque=Basque Country|catalan=Catalonia|flemish=Flanders|walloon=Wallonia|bavarian=Bavaria|texan=Texas|californian=California|londoner=London|muscovite=Moscow|parisian=Paris|european union=Europe";

/// Direction words: capitalised but not entities on their own ("Western",
/// "North").
const DIRECTIONAL: &str = "western|eastern|northern|southern|central|north|south|east|west|northeast|northwest|southeast|southwest|northeastern|northwestern|southeastern|southwestern|upper|lower|greater|new|old|mid|pro|anti";

/// Common given names (gender-neutral mix), used to recognise people.
const FIRST_NAMES: &str = "aaron|abdul|abdullah|abraham|adam|adrian|ahmad|ahmed|aisha|alan|albert|alberto|alejandro|alex|alexander|alexandra|alexei|alexey|alfred|ali|alice|alicia|alison|amanda|amber|amy|ana|anatoly|andre|andrea|andreas|andrei|andrew|andrey|andriy|andy|angela|angelo|anita|ann|anna|anne|annie|anthony|anton|antonio|arnold|arthur|ashley|barack|barbara|barry|ben|benjamin|bernard|bernie|beth|betty|bill|billy|bob|bobby|boris|brad|bradley|brandon|brenda|brian|bruce|bruno|bryan|carl|carla|carlos|carmen|carol|caroline|catherine|charles|charlie|charlotte|chen|chris|christian|christina|christine|christopher|claire|clara|claude|claudia|colin|craig|cristina|cynthia|dan|daniel|daniela|danny|darren|dave|david|dean|deborah|dennis|derek|diana|diane|diego|dmitri|dmitry|dmytro|dominic|don|donald|donna|doug|douglas|duncan|dylan|ed|eddie|edgar|edward|elena|elizabeth|ellen|emily|emma|emmanuel|enrique|eric|erik|ernest|eugene|eva|evan|fatima|federico|felix|fernando|frances|francesco|francis|francisco|frank|franz|fred|frederick|gabriel|gary|george|georg|gerald|gerhard|giorgio|giovanni|giuseppe|glenn|gordon|grace|graham|greg|gregory|gustavo|hans|harold|harry|hassan|heather|heinz|helen|helmut|henry|herbert|howard|hugh|hussein|ian|igor|ibrahim|ilya|irina|isaac|ivan|jack|jacob|jacques|james|jamie|jan|jane|janet|jared|jason|javier|jean|jeff|jeffrey|jennifer|jens|jeremy|jerry|jessica|jim|jimmy|joan|joe|joel|johan|johann|john|johnny|jonathan|jorge|jose|joseph|josh|joshua|juan|judith|julia|julian|julie|jurgen|justin|kaja|karen|karl|kate|katherine|kathleen|kathy|keith|kelly|ken|kenneth|kevin|kim|kirk|klaus|kurt|larry|laura|lauren|lee|leo|leonid|linda|lisa|liz|louis|louise|lucas|lucy|luis|luke|marc|marco|marcus|margaret|maria|marie|mario|mark|martin|mary|matt|matthew|maurice|max|maxim|megan|mehmet|melissa|michael|michel|michelle|miguel|mike|mikhail|mohamed|mohammad|mohammed|muhammad|nancy|natalia|natalie|nathan|neil|nicholas|nick|nicola|nicolas|nikolai|nina|noah|norman|oleg|oleksandr|oliver|olga|omar|oscar|pablo|pamela|patricia|patrick|paul|paula|pedro|peter|petr|petro|phil|philip|philippe|pierre|rachel|rafael|ralph|ramon|randy|ray|raymond|rebecca|richard|rick|rob|robert|roberto|robin|roger|roland|ron|ronald|rose|ross|roy|ruth|ryan|sam|samuel|sandra|sara|sarah|scott|sean|serge|sergei|sergey|sergio|sharon|shaun|sheila|simon|sophie|stefan|stephanie|stephen|steve|steven|stuart|susan|tamara|ted|terry|theresa|thomas|tim|timothy|tina|todd|tom|tony|tracy|valentina|valery|vasyl|victor|viktor|vincent|vladimir|vladislav|volodymyr|walter|wang|wayne|wei|werner|william|willie|wolfgang|xavier|yan|yulia|yuri|yury|zhang|ursula|olaf|emmanuel|giorgia|keir|rishi|boris|narendra|recep|benjamin|xi|li|kamala|joe|hillary|mitch|nancy|chuck|marco|pete|kristi|tulsi|jd|j.d.|elon|jeff|mark|sundar|satya|tim|warren|jerome|janet|christine|antonio|jens|mark|dmitry|sergei|alexander|yevgeny|ramzan|vitali|vitaly|petro|yulia|andrzej|donald|viktor|robert|friedrich|annalena|kamala|ron|gavin|greg|jay|chris|glenn|rand|lindsey|ted|ben|john|amy|cory|bernie|elizabeth|alexandria|ilhan|rashida|mike|kevin|steve|jim|paul|marjorie|lauren|matt|dan|tom|rick|wes|spencer|josh|roger|hakeem|nikki|vivek|kari|sarah|tony|kaitlan|wolf|jake|anderson|rachel|sean|tucker|megyn|bret|laura|martha|maria|shannon|harris|geoffrey|nigel|alastair|tony|gordon|theresa|liz|david|ed|jeremy|keir|rachel|yvette|angela|ursula|charles|camilla|william|kate|harry|meghan|elizabeth|philip|anne|edward|sophie|louis|george|mette|sanna|magdalena|jonas|ulf|alexander|karl|pedro|giuseppe|mario|matteo|silvio|enrico|paolo|andrea|luigi|marine|jordan|eric|edouard|gabriel|jean-luc|jean-pierre|jean-claude|jean-marie|jean-yves|francois|francoise|jacques|nicolas|segolene|dominique|laurent|thierry|olivier|sebastien|stephane|vincent|yves|benoit|helene|isabelle|nathalie|sylvie|valerie|veronique|martine|christiane|monique|brigitte|hiroshi|shinzo|fumio|yoshihide|taro|kenji|takeshi|yuki|akira|naoto|junichiro|moon|yoon|park|lee|kim|choi|jae|min|jin|hyun|sung|young|raj|rahul|sonia|indira|amit|sunil|anil|vijay|sanjay|ravi|arun|ashok|priya|deepak|manmohan|imran|nawaz|shehbaz|benazir|asif|pervez|yahya|recep|ahmet|mustafa|kemal|abdel|abdel-fattah|hosni|anwar|gamal|bashar|hafez|saddam|nouri|haider|mahmoud|ismail|yasser|yitzhak|ehud|ariel|shimon|naftali|yair|isaac|benny|avigdor|moshe|itamar|bezalel|yoav|gideon|jacinda|scott|anthony|kevin|malcolm|julia|justin|stephen|jean|pierre|brian|chrystia|mélanie|melanie|jagmeet|andres|manuel|claudia|felipe|javier|jair|luiz|inacio|dilma|cristina|alberto|mauricio|nicolas|hugo|evo|rafael|daniel|ivan|gustavo|nayib|gabriel|sebastian|michelle|ollanta|keiko|dina|alan|volodymyr|olena|oleksiy|andriy|denys|dmytro|kyrylo|valeriy|vitali|vitaliy|yuriy|mykhailo|mykola|iryna|oksana|taras|bohdan|serhiy|ihor|roman|ruslan|pavlo|yevhen|vadym|vladyslav|sergey|maria|valentina|nikolai|nikolay|alexei|aleksandr|aleksei|anatoli|gennady|svetlana|tatiana|tatyana|yelena|ekaterina|natalya|ludmila|lyudmila|vyacheslav|kirill|arkady|konstantin|stanislav|ramzan|dzhokhar|aslan|shamil|ilham|nikol|serzh|levon|giorgi|mikheil|eduard|salome|bidzina|irakli|alexander|sviatlana|maia|igor|nicu|klaus|traian|viorica|zoran|aleksandar|milo|milorad|slobodan|franjo|andrej|janez|robert|peter|zuzana|vaclav|milos|petr|andrej|mateusz|jaroslaw|lech|donald|beata|bronislaw|radoslaw|zbigniew|kaja|kersti|toomas|egils|edgars|krisjanis|gitanas|dalia|ingrida|gabrielius|sauli|alexander|jyrki|antti|petteri|erna|jonas|stefan|lars|frederik|margrethe|mette|helle|anders|ulf|ebba|magdalena|stefan|jens|hans|hans-dietrich|hans-jurgen|karl-heinz|karl-theodor|horst|markus|armin|christian|olaf|robert|annalena|frank-walter|joachim|johannes|norbert|sigmar|peer|guido|gerhard|helmut|rudolf|wilhelm|ludwig|friedrich|otto|jorg|jurgen|uwe|rainer|heiko|hubertus|cem|ricarda|sahra|alice|tino|bjorn|manfred|joschka|sebastian|karl|alexander|herbert|kurt|viktor|peter|ferenc|gyula|laszlo|zoltan|janos|istvan|attila|andras|gabor|tibor|katalin|judit";

/// Words that, last in a capitalised name, make it an organisation.
const ORG_CUES: &str = "ministry|department|dept|council|party|association|assn|institute|institution|university|college|school|academy|center|centre|agency|committee|commission|union|bank|fund|times|post|news|corp|corp.|corporation|inc|inc.|incorporated|ltd|ltd.|limited|llc|plc|co|co.|company|companies|group|office|kremlin|pentagon|parliament|congress|senate|assembly|duma|rada|knesset|bundestag|bundesrat|court|tribunal|police|army|navy|guard|guards|forces|brigade|battalion|regiment|militia|front|movement|organisation|organization|foundation|trust|federation|league|club|society|service|services|network|networks|journal|newsroom|telegraph|herald|tribune|gazette|chronicle|express|observer|guardian|independent|mirror|standard|daily|weekly|magazine|review|radio|television|tv|broadcasting|press|agency|exchange|board|authority|bureau|administration|secretariat|cabinet|government|presidency|alliance|coalition|bloc|cartel|brotherhood|church|mosque|synagogue|diocese|airlines|airline|airways|air lines|motors|motor|industries|industry|holdings|holding|partners|capital|securities|investments|energy|oil|gas|petroleum|mining|steel|pharmaceuticals|pharma|technologies|technology|systems|software|electronics|electric|telecom|telecommunications|communications|media|studios|entertainment|records|publishing|bancorp|bankcorp|financial|insurance|assurance|reserve|treasury|mint|exchequer|railways|railway|rail|shipping|lines|logistics|hospital|clinic|laboratory|laboratories|labs|observatory|museum|library|orchestra|theatre|theater|team|fc|f.c.|united|rovers|wanderers|athletic|athletico|atletico|sporting|albion|hotspur|county|olympique|real|inter|juventus|dynamo|dinamo|spartak|lokomotiv|zenit|ajax|psv|celtic|rangers|brewers|yankees|mets|giants|dodgers|cubs|red sox|white sox|orioles|blue jays|mariners|angels|athletics|astros|rangers|tigers|twins|royals|indians|braves|marlins|phillies|expos|nationals|pirates|reds|cardinals|padres|rockies|diamondbacks|bulls|lakers|celtics|knicks|nets|heat|magic|spurs|rockets|mavericks|suns|jazz|warriors|clippers|kings|cowboys|patriots|packers|steelers|eagles|bears|commission|directorate|inspectorate|prosecutor's office|embassy|consulate|mission|delegation|council|caucus|politburo|junta|regime|command|headquarters|hq|institute|think tank|watch|monitor|initiative|project|programme|program|fund|forum";

/// Organisation cue words that can also start a name ("Ministry of …",
/// "University of …", "Bank of …"), allowing "of"/"for"/"on"/"and" inside.
const ORG_HEADS: &str = "ministry|department|council|university|institute|bank|center|centre|committee|commission|union|office|organisation|organization|federation|league|association|court|house|board|bureau|agency|academy|school|college|museum|church|party|front|movement|society|foundation|fund|house of|chamber|republic|kingdom|state|states|islamic state|federal|national|royal|international|people's|democratic|united|european|african|asian|arab|world|global|general|supreme|central|high|school|corps|army|navy|coalition|alliance|government|administration|secretariat|embassy|mission|bank";

/// Well-known organisations and acronyms (lower-case).
const ORG_NAMES: &str = "nato|un|u.n.|united nations|eu|e.u.|european union|european commission|european parliament|european council|imf|world bank|who|wto|opec|opec+|osce|asean|african union|arab league|g7|g20|g-7|g-20|brics|iaea|unesco|unicef|unhcr|unrwa|icc|icj|interpol|europol|frontex|fbi|cia|nsa|dhs|doj|dod|pentagon|state department|white house|congress|senate|house of representatives|supreme court|federal reserve|fed|sec|fda|cdc|nasa|epa|irs|ftc|fcc|faa|ntsb|atf|dea|ice|usaid|kremlin|fsb|kgb|gru|svr|sbu|mossad|mi5|mi6|gchq|bundeswehr|idf|hamas|hezbollah|hizbollah|houthis|taliban|al qaeda|al-qaeda|isis|isil|daesh|plo|fatah|pkk|ypg|sdf|ira|eta|farc|wagner|rosatom|gazprom|rosneft|lukoil|sberbank|aeroflot|naftogaz|ukrenergo|bbc|cnn|nbc|abc|cbs|fox news|fox|msnbc|npr|pbs|reuters|ap|associated press|afp|agence france-presse|bloomberg|dpa|xinhua|tass|ria novosti|ria|interfax|ukrinform|itar-tass|al jazeera|sky news|euronews|dw|deutsche welle|cgtn|rt|sputnik|politico|axios|newsweek|time|the economist|economist|financial times|ft|wall street journal|wsj|new york times|nyt|washington post|guardian|the guardian|telegraph|the telegraph|the times|le monde|der spiegel|spiegel|bild|die zeit|corriere della sera|el pais|kyiv independent|kyiv post|meduza|novaya gazeta|kommersant|izvestia|pravda|google|alphabet|apple|microsoft|amazon|meta|facebook|instagram|whatsapp|twitter|x corp|tesla|spacex|starlink|openai|nvidia|intel|amd|ibm|oracle|samsung|sony|toyota|honda|nissan|volkswagen|vw|bmw|mercedes|daimler|siemens|bosch|basf|bayer|airbus|boeing|lockheed martin|raytheon|northrop grumman|general dynamics|bae systems|rheinmetall|thales|leonardo|saab|exxon|exxonmobil|chevron|shell|bp|totalenergies|total|eni|equinor|aramco|saudi aramco|goldman sachs|jpmorgan|jp morgan|morgan stanley|citigroup|citi|hsbc|barclays|ubs|credit suisse|deutsche bank|bnp paribas|blackrock|vanguard|walmart|coca-cola|pepsico|nestle|unilever|pfizer|moderna|astrazeneca|johnson & johnson|novartis|roche|huawei|zte|tiktok|bytedance|alibaba|tencent|baidu|foxconn|tsmc|general motors|gm|ford|chrysler|fiat|renault|peugeot|uber|netflix|disney|warner bros|paramount|visa|mastercard|paypal|ebay|yahoo|linkedin|reddit|telegram|youtube|wikipedia|red cross|icrc|amnesty international|amnesty|human rights watch|greenpeace|oxfam|msf|doctors without borders|hudson institute|brookings|brookings institution|rand|rand corporation|heritage foundation|atlantic council|chatham house|csis|carnegie|cfr|council on foreign relations|isw|institute for the study of war|sipri|iiss|fifa|uefa|ioc|nba|nfl|mlb|nhl|premier league|bundesliga|la liga|serie a|ligue 1|wada|republican party|democratic party|republicans|democrats|gop|labour|labour party|conservative party|conservatives|tories|liberal democrats|lib dems|snp|reform uk|ukip|cdu|csu|spd|afd|fdp|greens|green party|bsw|national rally|rassemblement national|la republique en marche|renaissance|la france insoumise|pis|civic platform|fidesz|united russia|servant of the people|likud|bjp|congress party|anc|kmt|dpp|communist party|ccp|cpc|ldp|pp|psoe|vox|podemos|m5s|lega|forza italia|brothers of italy|syriza|new democracy|pasok|sinn fein|fianna fail|fine gael|dup|plaid cymru|ndp|liberal party|osce|council of europe|eurozone|ecb|european central bank|bundesbank|bank of england|bank of japan|boj|pboc|opec|wef|world economic forum|davos forum|g8|commonwealth|quad|aukus|csto|sco|eaeu|cis|nafta|usmca|mercosur|oas|apec|oecd|un security council|security council|general assembly|human rights council|unesco|fao|wfp|ilo|itu|wipo|iom|ohchr|unicef|unep|unfccc|cop|ipcc|who|world health organization|international monetary fund|world trade organization|international criminal court|international court of justice|european court of human rights|ecthr|european court of justice|ecj|cjeu|duma|state duma|verkhovna rada|rada|knesset|bundestag|bundesrat|house of commons|house of lords|downing street|elysee|élysée|quai d'orsay|bundeskanzleramt|zhongnanhai|politburo|national security council|nsc|joint chiefs of staff|joint chiefs|cabinet office|home office|foreign office|fcdo|mod|ministry of defence|treasury|department of defense|department of state|department of justice|department of homeland security|national guard|marines|marine corps|air force|space force|coast guard|secret service|scotland yard|met police|metropolitan police|gendarmerie|carabinieri|guardia civil|ukrainian armed forces|armed forces|zsu|rosgvardia|wagner group|azov|azov brigade|russian defence ministry|russian defense ministry";

/// Capitalised words that are never entities on their own (function
/// words, pronouns, months, weekdays, common sentence openers, generic
/// nouns often capitalised in headlines).
const STOP_CAPS: &str = "a|an|the|this|that|these|those|there|here|he|she|it|they|we|i|you|me|him|her|them|us|his|hers|its|their|our|your|my|mine|who|whom|whose|what|which|when|where|why|how|whether|if|then|than|and|but|or|nor|so|yet|for|of|in|on|at|to|by|with|from|into|onto|over|under|after|before|during|since|until|while|as|about|against|between|among|through|without|within|across|along|around|behind|beyond|despite|except|inside|outside|near|off|per|via|upon|toward|towards|not|no|yes|all|any|both|each|every|few|many|more|most|much|some|such|other|another|one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|last|next|new|also|only|just|even|still|already|however|meanwhile|moreover|furthermore|therefore|thus|although|though|because|instead|indeed|perhaps|maybe|now|today|tonight|yesterday|tomorrow|later|earlier|again|once|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|spring|summer|autumn|fall|winter|mr|mrs|ms|dr|prof|sir|dame|lord|lady|mr.|mrs.|ms.|dr.|prof.|st|read|click|share|subscribe|advertisement|related|photo|video|image|source|sources|update|updated|breaking|exclusive|opinion|analysis|editorial|comment|live|watch|listen|follow|sign|login|log|home|menu|search|contact|about|privacy|terms|cookies|copyright|all rights reserved|table|contents|introduction|conclusion|summary|faq|note|notes|according|asked|said|says|total|totals|overall|average|group|round|final|semifinal|quarterfinal|gmt|gdp|cpi|ppi|rbi|era|mvp|tv|pc|ad|bc|am|pm|usd|eur|gbp|jpy|vat|ipo|caps|ppm|faq|pdf|html|www|http|https|com|re|fwd|cc|ps|aka|vs|etc|ie|eg|nb|ok|will|would|could|should|can|may|might|must|do|does|did|is|are|was|were|be|been|being|has|have|had|let|please|thanks|thank|hello|dear|oh|ok|okay|well|why|yet|god|internet|web|online|government|state|states|president|minister|official|officials|people|week|month|year|day|days|weeks|months|years|ceasefire|peace|war|talks|deal|plan|report|reports|news|story|article|page|part|chapter|section|figure|step|question|answer|what's|it's|that's|there's|he's|she's|i'm|we're|they're|don't|doesn't|didn't|won't|can't|isn't|aren't|wasn't|weren't|hasn't|haven't|hadn't";

/// Honorifics: imply a person, never part of the name or a role.
const HONORIFICS: &str = "mr|mr.|mrs|mrs.|ms|ms.|miss|dr|dr.|sir|dame|madam|madame|mme|mme.|monsieur|herr|frau|señor|senor|señora|lady|lord";

/// Role titles that, before a name, mark a person (lower-case, longest
/// forms listed; matched case-insensitively on tokens).
const TITLES: &str = "president|vice president|vice-president|president-elect|vice president-elect|former president|prime minister|deputy prime minister|first deputy prime minister|premier|chancellor|vice chancellor|vice-chancellor|secretary of state|secretary-general|secretary general|under secretary|undersecretary|deputy secretary|assistant secretary|press secretary|secretary|defense secretary|defence secretary|foreign secretary|home secretary|minister|foreign minister|defense minister|defence minister|finance minister|interior minister|prime-minister|deputy minister|spokesman|spokeswoman|spokesperson|spokespeople|envoy|special envoy|special representative|representative|high representative|ambassador|senator|sen.|sen|governor|gov.|lieutenant governor|mayor|director|director-general|director general|deputy director|professor|prof.|fellow|senior fellow|research fellow|chief|chief executive|chief executive officer|chief of staff|chairman|chairwoman|chairperson|chair|vice chairman|ceo|cfo|coo|cto|founder|co-founder|owner|executive|managing director|king|queen|prince|princess|crown prince|emperor|empress|sultan|emir|sheikh|pope|cardinal|archbishop|bishop|patriarch|metropolitan|rabbi|imam|ayatollah|supreme leader|general|gen.|lieutenant general|lt. gen.|major general|maj. gen.|brigadier general|brig. gen.|colonel|col.|lieutenant colonel|lt. col.|lieutenant|lt.|captain|capt.|commander|admiral|adm.|vice admiral|rear admiral|marshal|field marshal|sergeant|sgt.|corporal|private|commander-in-chief|leader|opposition leader|party leader|majority leader|minority leader|speaker|house speaker|congressman|congresswoman|rep.|lawmaker|legislator|mp|mep|deputy|judge|justice|chief justice|attorney general|attorney|prosecutor|prosecutor general|lawyer|adviser|advisor|national security adviser|national security advisor|analyst|economist|strategist|researcher|scientist|expert|historian|diplomat|negotiator|chief negotiator|aide|official|commissioner|high commissioner|inspector|inspector general|detective|officer|head|deputy head|coach|manager|head coach|captain|striker|midfielder|defender|goalkeeper|forward|winger|batsman|bowler|all-rounder|pitcher|quarterback|driver|rider|champion|editor|editor-in-chief|correspondent|reporter|columnist|journalist|author|writer|anchor|host|presenter|commentator|activist|campaigner|blogger|dean|rector|provost|chancellor|principal|attache|attaché|military attache|military attaché|consul|consul general|chargé d'affaires|charge d'affaires|emissary|mediator|ombudsman|comptroller|auditor|treasurer|registrar|administrator|overseer|czar|tsar|supremo|boss|magnate|tycoon|billionaire|businessman|businesswoman|entrepreneur|investor|banker|singer|actor|actress|star|artist";

/// Family relations ("his son-in-law Jared …").
const RELATIONS: &str = "son|daughter|son-in-law|daughter-in-law|father-in-law|mother-in-law|brother-in-law|sister-in-law|wife|husband|brother|sister|father|mother|cousin|nephew|niece|uncle|aunt|grandson|granddaughter|grandfather|grandmother|stepson|stepdaughter|stepfather|stepmother|half-brother|half-sister|partner|fiance|fiancé|fiancee|fiancée|widow|widower|spouse|ex-wife|ex-husband|girlfriend|boyfriend|child|children|twin";

/// Lower-case words that may sit between a qualifier and a title and belong
/// to the title ("EU foreign policy chief", "UK defense attaché").
const MODIFIERS: &str = "foreign|policy|defense|defence|military|security|national|economy|economic|finance|financial|trade|health|interior|home|justice|senior|top|deputy|assistant|acting|interim|former|then|ex|special|press|communications|intelligence|energy|climate|education|labor|labour|agriculture|environment|environmental|transport|transportation|culture|digital|foreign-policy|chief|lead|principal|regional|local|state|federal|presidential|prime|vice|associate|executive|general|managing|political|diplomatic|peace|human|rights|legal|naval|army|air|force|defense-policy|nuclear|arms|control|development|humanitarian|opposition|ruling|party|veteran|longtime|long-time|outgoing|incoming|newly|appointed|elected|designate|nominee|acting|first|deputy|junior|white|house";

/// Prefixes kept in the title when they precede it ("former defense
/// attaché").
pub const TITLE_PREFIXES: &[&str] = &[
    "former", "ex", "acting", "interim", "then", "outgoing", "incoming",
];

/// Last words of event names.
const EVENT_TAILS: &str = "cup|open|championship|championships|games|olympics|paralympics|tour|festival|awards|award|prize|grand prix|series|war|wars|crisis|summit|conference|convention|congress of|marathon|classic|masters|trophy|rally|derby|final|finals|week|day|eve|revolution|uprising|accord|accords|agreement|treaty|act|bill|plan|doctrine|strategy|initiative|protocol|memorandum|declaration|index|era|age";

/// Lower-case connector words allowed inside person names.
const NAME_PARTICLES: &str = "de|del|della|der|den|di|da|das|dos|du|van|von|la|le|bin|ibn|al|el|ben|abu|y|zu|ter|ten|st.|mac|o";

/// Per-word flags: one lookup per token answers every single-word lexicon
/// question (see [`Lex::flags`]).
pub mod flag {
    /// In `places`.
    pub const PLACE: u32 = 1;
    /// In `place_ambiguous`.
    pub const PLACE_AMBIGUOUS: u32 = 1 << 1;
    /// In `demonyms`.
    pub const DEMONYM: u32 = 1 << 2;
    /// In `directional`.
    pub const DIRECTIONAL: u32 = 1 << 3;
    /// In `first_names`.
    pub const FIRST_NAME: u32 = 1 << 4;
    /// In `org_cues`.
    pub const ORG_CUE: u32 = 1 << 5;
    /// In `org_heads`.
    pub const ORG_HEAD: u32 = 1 << 6;
    /// In `org_names`.
    pub const ORG_NAME: u32 = 1 << 7;
    /// In `stop`.
    pub const STOP: u32 = 1 << 8;
    /// In `honorifics`.
    pub const HONORIFIC: u32 = 1 << 9;
    /// In `relations`.
    pub const RELATION: u32 = 1 << 10;
    /// In `modifiers`.
    pub const MODIFIER: u32 = 1 << 11;
    /// In `particles`.
    pub const PARTICLE: u32 = 1 << 12;
    /// In `multi_first`.
    pub const MULTI_FIRST: u32 = 1 << 13;
    /// First word of a title or relation.
    pub const TITLE_FIRST: u32 = 1 << 14;
    /// In `cities`.
    pub const CITY: u32 = 1 << 15;
}

/// Parsed lexicons.
pub struct Lex {
    /// Places (countries, cities, states, regions).
    pub places: FastSet<&'static str>,
    /// Cities and US states (the places sports clubs are named after).
    pub cities: FastSet<&'static str>,
    /// Place names also common as words/surnames.
    pub place_ambiguous: FastSet<&'static str>,
    /// Demonym → country.
    pub demonyms: FastMap<&'static str, &'static str>,
    /// Direction words.
    pub directional: FastSet<&'static str>,
    /// Given names.
    pub first_names: FastSet<&'static str>,
    /// Organisation cue words.
    pub org_cues: FastSet<&'static str>,
    /// Organisation head words.
    pub org_heads: FastSet<&'static str>,
    /// Known organisations.
    pub org_names: FastSet<&'static str>,
    /// Non-entity capitalised words.
    pub stop: FastSet<&'static str>,
    /// Honorifics.
    pub honorifics: FastSet<&'static str>,
    /// Titles.
    pub titles: FastSet<&'static str>,
    /// Longest title in tokens.
    pub title_max_tokens: usize,
    /// First words of multi-word places and organisations.
    pub multi_first: FastSet<&'static str>,
    /// Flags of single words (see [`flag`]).
    pub flags: FastMap<&'static str, u32>,
    /// Words that end event names ("World Cup", "U.S. Open"): not a person,
    /// organisation or place.
    pub event_tails: FastSet<&'static str>,
    /// Family relations.
    pub relations: FastSet<&'static str>,
    /// Title modifiers.
    pub modifiers: FastSet<&'static str>,
    /// Name particles.
    pub particles: FastSet<&'static str>,
}

/// The lexicons, built on first use.
pub static LEX: Lazy<Lex> = Lazy::new(|| {
    let mut places = set(COUNTRIES);
    places.extend(set(CITIES));
    places.extend(set(STATES));
    places.extend(set(REGIONS));
    let place_ambiguous = set(PLACE_AMBIGUOUS);
    let mut cities = set(CITIES);
    cities.extend(set(STATES));
    let demonyms = DEMONYMS
        .split('|')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect();
    let titles = set(TITLES);
    let org_names = set(ORG_NAMES);
    let multi_first = places
        .iter()
        .chain(org_names.iter())
        .filter(|p| p.contains(' '))
        .filter_map(|p| p.split(' ').next())
        .collect();
    let title_max_tokens = titles
        .iter()
        .map(|t| t.split(' ').count())
        .max()
        .unwrap_or(1);
    let mut lex = Lex {
        places,
        cities,
        place_ambiguous,
        demonyms,
        directional: set(DIRECTIONAL),
        first_names: set(FIRST_NAMES),
        org_cues: set(ORG_CUES),
        org_heads: set(ORG_HEADS),
        org_names,
        multi_first,
        stop: set(STOP_CAPS),
        honorifics: set(HONORIFICS),
        titles,
        title_max_tokens,
        relations: set(RELATIONS),
        modifiers: set(MODIFIERS),
        particles: set(NAME_PARTICLES),
        event_tails: set(EVENT_TAILS),
        flags: FastMap::default(),
    };
    let mut flags: FastMap<&'static str, u32> = FastMap::default();
    {
        let mut add = |words: &mut dyn Iterator<Item = &'static str>, f: u32| {
            for w in words {
                *flags.entry(w).or_insert(0) |= f;
            }
        };
        add(&mut lex.places.iter().copied(), flag::PLACE);
        add(
            &mut lex.place_ambiguous.iter().copied(),
            flag::PLACE_AMBIGUOUS,
        );
        add(&mut lex.demonyms.keys().copied(), flag::DEMONYM);
        add(&mut lex.directional.iter().copied(), flag::DIRECTIONAL);
        add(&mut lex.first_names.iter().copied(), flag::FIRST_NAME);
        add(&mut lex.org_cues.iter().copied(), flag::ORG_CUE);
        add(&mut lex.org_heads.iter().copied(), flag::ORG_HEAD);
        add(&mut lex.org_names.iter().copied(), flag::ORG_NAME);
        add(&mut lex.stop.iter().copied(), flag::STOP);
        add(&mut lex.honorifics.iter().copied(), flag::HONORIFIC);
        add(&mut lex.relations.iter().copied(), flag::RELATION);
        add(&mut lex.modifiers.iter().copied(), flag::MODIFIER);
        add(&mut lex.particles.iter().copied(), flag::PARTICLE);
        add(&mut lex.multi_first.iter().copied(), flag::MULTI_FIRST);
        add(&mut lex.cities.iter().copied(), flag::CITY);
        add(
            &mut lex
                .titles
                .iter()
                .chain(lex.relations.iter())
                .filter_map(|t| t.split(' ').next()),
            flag::TITLE_FIRST,
        );
    }
    lex.flags = flags;
    lex
});
