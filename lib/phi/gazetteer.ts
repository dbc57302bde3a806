/**
 * Name lists for the PHI name recogniser: common given names and surnames across the languages Wardroom's
 * users write in (English, Spanish, Portuguese, German, French, Italian, Polish, Dutch, Arabic, Chinese
 * pinyin, Vietnamese, Korean, Japanese, Indian, Nigerian, Russian, Turkish, Greek). Written by hand from
 * general knowledge of frequent names, not downloaded. Stored without diacritics-folding: lookups fold
 * case and diacritics (see foldName), so "José", "JOSE" and "jose" all match.
 *
 * Names that are also everyday English or clinical words (May, Will, Grace, Hope, Brown, King, Rose…) are
 * listed in AMBIGUOUS: they count only when paired with another name token or a cue, never alone.
 */

const FIRST_TEXT = `
james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark
donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary
nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond
jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian
keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel
logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason philip louis
mary jane patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley
kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen
amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet
catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith
megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail
alice judy sophia denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte
marie kayla alexis lori chloe ava mia harper ella zoe lily leah nora eleanor hazel violet aurora claire
sofia valentina camila lucia martina daniela paula alejandra guadalupe rosa carmen dolores pilar mercedes
francisco javier miguel antonio manuel pedro alejandro rafael fernando jorge luis carlos sergio pablo diego
andres ricardo eduardo roberto raul enrique ramon alberto arturo hector ignacio joaquin santiago mateo
joao paulo tiago goncalo rodrigo bruno thiago leandro marcelo ana beatriz mariana fernanda juliana leticia
hans klaus jurgen wolfgang dieter uwe gunther helmut horst matthias stefan andreas markus tobias lukas jonas
felix maximilian florian sebastian johannes friedrich heinrich ursula monika petra sabine claudia birgit
katrin anke heike silke ingrid gisela renate greta lena leonie johanna franziska
jean pierre michel philippe alain jacques bernard francois nicolas olivier christophe frederic thierry laurent
sylvie nathalie isabelle helene therese sandrine valerie veronique camille manon chloe lea amelie margaux ines elodie
giuseppe giovanni francesco luca marco alessandro matteo lorenzo andrea giulia francesca chiara alessia
piotr krzysztof tomasz pawel marcin michal grzegorz jakub wojciech mateusz lukasz kamil dariusz zbigniew
anna katarzyna malgorzata agnieszka barbara ewa krystyna elzbieta magdalena joanna zofia dorota jadwiga
jan pieter willem hendrik cornelis sanne femke anouk
mohammed muhammad ahmed ahmad ali omar hassan hussein ibrahim youssef yusuf khalid abdullah mahmoud mustafa
karim tariq samir walid nabil faisal hamza bilal fatima aisha khadija maryam zainab layla noor amira salma
yasmin huda rania leila samira hiba
wei fang jing min lei jun hui yan ying ming hong xiang tao bo qiang chao yong jie xin yu hao yi lin ling
xiu mei lan na li xiaoming xiaoli zhiwei haoran yuxuan zihan jiayi yating
minh anh linh thanh huong tuan dung hung quang thu hoa
jiwoo minjun seoyeon jisoo hyun sungmin youngho eunji
hiroshi takashi kenji yuki haruto sota yui aoi sakura akira
aarav arjun rahul rohan vikram amit anil sanjay sunil rajesh ramesh suresh vijay deepak manoj ravi arun
priya ananya kavya divya pooja neha sunita lakshmi meena anjali deepika shreya aishwarya nisha rekha
venkat srinivas krishna ganesh harish prakash gopal naveen karthik
chinedu chukwuemeka emeka obinna ikenna nnamdi oluwaseun olumide oluwadamilare ayodele babatunde tunde
adebayo kehinde taiwo segun femi yemi funmilayo folake ngozi chiamaka adaeze amaka nkechi chidinma
ifeoma ifeanyi uchenna kelechi abubakar musa aminu ibrahim bello hauwa zainab halima aminat yetunde
kwame kofi kwaku ama akosua abena
ivan dmitri sergei alexei nikolai vladimir mikhail andrei yuri oleg olga tatiana natalia svetlana irina
elena ekaterina anastasia yelena
mehmet mustafa ahmet emre burak elif zeynep ayse fatma emine
georgios dimitrios konstantinos nikolaos eleni maria katerina
`

const SURNAME_TEXT = `
smith johnson williams jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson
thomas taylor moore jackson martin lee perez thompson harris sanchez clark ramirez lewis robinson walker
allen hall torres nguyen flores adams nelson baker campbell mitchell carter roberts gomez phillips evans
turner diaz parker cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz
morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez
bennett mendoza ruiz hughes alvarez castillo sanders patel myers jimenez foster powell jenkins perry
russell sullivan bell coleman butler henderson barnes fisher vasquez simmons romero jordan patterson
alexander hamilton graham reynolds griffin wallace west cole hayes bryant herrera gibson ellis tran
medina aguilar stevens murray ford castro marshall owens harrison fernandez mcdonald woods washington
kennedy wells vargas henry chen freeman webb tucker guzman burns crawford olson simpson porter hunter
gordon mendez silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner robertson
obrien oconnor mcallister fitzgerald gallagher
santos oliveira souza goncalves lima pereira carvalho almeida ferreira ribeiro costa rocha dias nascimento
moreira barbosa cardoso teixeira mendes araujo
fernandez gonzalez rodriguez sanchez navarro dominguez vazquez serrano blanco molina delgado ortega
castro iglesias vega rubio marin sanz nunez
muller mueller schmidt schneider fischer weber meyer wagner becker schulz hoffmann schafer koch richter
klein wolf schroder neumann schwarz zimmermann braun kruger hofmann hartmann lange schmitt werner krause
meier lehmann schmid schulze maier kohler herrmann konig walter mayer huber kaiser fuchs peters lang
dubois durand lefevre leroy moreau simon laurent lefebvre michel garnier bertrand roux vincent fournier morel
girard andre mercier dupont lambert bonnet francois martinez legrand rousseau blanc guerin faure
rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti deluca costa
giordano mancini rizzo lombardi moretti
nowak kowalski kowalska wisniewski wisniewska wojcik wojcikowa kowalczyk kaminski kaminska lewandowski
lewandowska zielinski zielinska szymanski szymanska wozniak dabrowski dabrowska kozlowski kozlowska
jankowski mazur kwiatkowski krawczyk piotrowski grabowski nowakowski pawlowski michalski wieczorek
devries jansen bakker visser smit meijer mulder bos vos dekker vandenberg vandijk
alsaud alrashid hassan hussein abdullah rahman khan haddad nasser khalil saleh mansour darwish
hamdan aziz farouk suleiman qureshi malik chaudhry siddiqui sheikh ansari mahmoud ibrahim
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song
tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren
shen yao zhong jiang
nguyen tran le pham hoang phan vu vo dang bui do ho ngo duong ly
kim lee park choi jung kang cho yoon jang lim han oh seo shin kwon
sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki
sharma verma gupta singh kumar patel shah mehta joshi iyer nair reddy rao menon pillai chatterjee
banerjee mukherjee das bose ghosh desai kapoor malhotra agarwal bhat kulkarni deshpande srinivasan
krishnan subramanian venkatesh
okafor okonkwo eze nwosu obi adeyemi adebayo oladipo ogunleye okeke chukwu nnadi balogun bello
abubakar yusuf danjuma ibekwe onyekachi afolabi adewale olatunji ojo akinola mensah boateng asante
owusu osei appiah
ivanov ivanova petrov petrova sidorov smirnov smirnova kuznetsov popov volkov sokolov morozov
yilmaz kaya demir sahin celik yildiz ozturk aydin arslan dogan
papadopoulos georgiou nikolaidis konstantinou
`

/** Given names and surnames that are also common words: they never make a name on their own. */
const AMBIGUOUS_TEXT = `
may will grace hope faith joy mark bill art dawn summer rose jack min wei li lin yu hao yi bo tao ming na lan
brown white green young king hill wood black long gray grey rich love price page chase bell cook ward west
hunter porter baker mason gordon frank bruno early august june april sage ruby pearl jade bishop abbott
lee kim li ma hu he gao ye do ho vo le bui dang ly oh han cho jung kang lim shin seo
martin thomas simon michel andre vincent jean louis henry parker morgan jordan alexander hamilton ford
sun song tang wang yang long chan gay bo jun lei hong
christian walter roger kelly russell howard allen max reed cole mercedes carmen
nova victoria paula lane ray scott johnson watson
ana
`

/** Folds case and diacritics: "Małgorzata" → "malgorzata", "JOSÉ" → "jose". */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'l')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .replace(/['’-]/g, '')
    .toLowerCase()
}

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean))

export const FIRST_NAMES: ReadonlySet<string> = words(FIRST_TEXT)
export const SURNAMES: ReadonlySet<string> = words(SURNAME_TEXT)
export const AMBIGUOUS_NAMES: ReadonlySet<string> = words(AMBIGUOUS_TEXT)

/** A given name or surname from the lists (folded). */
export function isKnownName(folded: string): boolean {
  return FIRST_NAMES.has(folded) || SURNAMES.has(folded)
}
