//! Stop words: the most frequent function words of each language, as named data.
//!
//! A line of running text in a language is made largely of its function words
//! ("the", "of", "und", "que", "и"); a menu, a price, a date or a list of headlines
//! is not. The share of a line's words found in its document's list is the main
//! evidence that the line is prose. Lists are short on purpose: the few hundred
//! most frequent words cover a third or more of running text, and a longer list
//! starts to hold content words. Words are lower case, split on anything that is
//! not a letter or digit (so elided forms appear as their parts: "l", "d", "qu").

/// One stop-word list: an ISO 639-1 code and its words separated by spaces.
#[rustfmt::skip]
pub const STOPWORDS: &[(&str, &str)] = &[
    ("en", "the of and to a in is that for it as was with be by on not he i this are or his from at which but have an they you had she her all were we there been their one has would will its if so no more can our what when who them him my your me than about into do up out also may could these then did said how just after any over only should us some most such very where those other because while being both each through before under why during between against here off does own same too few again until further whom once there's it's"),
    ("de", "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei ich wir ihr ihre seine hatte kann diese dieser dieses wenn schon was da gegen vom können unter sondern ob doch ins keine kein"),
    ("fr", "de la le et les des en un une du est que pour qui dans a par plus pas au sur ne se ce il sont avec ou son sa ses aux elle mais comme on été leur cette nous vous ils elles ont être fait été tout ces y lui si l d qu n s c j m où était sans entre aussi très bien dont même"),
    ("es", "de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya o este fue ha sí porque esta son entre está cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros era"),
    ("pt", "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está eu também só pelo pela até isso ela entre era depois sem mesmo aos ter seus quem nas me esse eles estão você tinha foram essa num nem suas meu às minha têm numa pelos elas havia seja qual será nós tenho lhe deles essas esses pelas este fosse dele"),
    ("it", "di e il la che a in un per è del non una le si con i da al dei della sono come alla più anche ma lo nel gli ha delle o se ci questo essere nella ad suo sua loro dal tra quando molto hanno cui stato fra io sul dalla può mi ne era erano questa quello tutto tutti già"),
    ("nl", "de en van het een in is dat op te zijn voor met die niet aan er om ook als bij door maar uit dan of naar wordt nog zo heeft tot kan over hij ze wel we worden meer geen werd ik was deze hun al dit moet zou wat hebben haar veel onder na zich"),
    ("sv", "och i att det som en på är av för med till den har de inte om ett men var jag han sig så kan från vid eller hade ska vi man efter när också nu där skulle då över under mot alla mycket sina sin hon detta blir blev bara än hur ut upp"),
    ("da", "og i at det en den til er som på de med han af for ikke der var mig sig men et har om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan"),
    ("no", "og i det er som en på til av at for med har den de ikke om et var han seg men jeg kan fra vi så ble skal eller hadde vil også etter når hun nå der da over under man mot alle mye sin sine dette blir bare enn hvordan opp ut"),
    ("fi", "ja on ei että se oli hän ovat mutta kun myös tai ole niin kuin joka jos sekä vain ne ollut olla mitä siitä sen kanssa sitä tämä jo voi nyt vielä koska eli jotka tai hänen joiden kaikki mukaan aikana tässä tästä kun"),
    ("pl", "i w na z się do nie to że jest o jak a po co ale są przez od za dla tak tym jego już może być ich go lub jej tylko było też które który która oraz ze pod czy przy tego jednak także bardzo gdy tej można więc ten była będzie mu nas nawet"),
    ("cs", "a v se na je že to s z do o i jako k pro ve by jsou ale jak po od za které který která tak jeho už jen bylo byl být i jejich tím při také nebo podle mezi než ze jsem jsme není až mu ji její tento této"),
    ("sk", "a v sa na je že to s z do o i ako k pre vo by sú ale ako po od za ktoré ktorý ktorá tak jeho už len bolo bol byť ich tým pri tiež alebo podľa medzi ako zo som sme nie až mu ju jej tento tejto"),
    ("hu", "a az és hogy nem is egy meg ez de van volt csak már mint el ki azt még ha vagy kell majd most sem lesz pedig mert vannak nagyon után ezt amely amelyek között szerint minden azonban így akkor"),
    ("ro", "și de la în a cu pe o un din care să nu se este ca mai că au pentru sau ce lui fost ale fi dar al sunt prin după despre cel care acest această între foarte doar și ei el ea"),
    ("ru", "и в не на что с он как по но к это я из а же от у за так бы вы то для все его был она было они мы до о ее ли уже или ни быть при если когда также только было будет их был этого этот может есть чем где тоже этой после бы"),
    ("uk", "і в на що з не у до та як за це я а він від для по але так його вона було вони ми бути також якщо коли або тому це їх які який яка може є чи ще"),
    ("bg", "и в на да се с за от не е че по са как това той но тя към след са ще при който която които или има бе още един една този беше те ние"),
    ("sr", "i u je da se na za od su sa kao ne to a koji koja koje ili što ali će bi bio iz do po nije ima biti sam samo kada jer još"),
    ("hr", "i u je da se na za od su s kao ne to a koji koja koje ili što ali će bi bio iz do po nije ima biti sam samo kada jer još"),
    ("sl", "in je v na da se za z so ki pa ne to kot iz po tudi od ali bi bil ga ker še"),
    ("tr", "ve bir bu da de için ile olarak çok daha en gibi olan ne ama kadar sonra her o şey ya mi var yok ki olduğu ise göre değil ben sen biz onun bunu tüm"),
    ("el", "και το η του της να τα των σε με για που από ο οι στο στην ένα είναι θα δεν τον την στη μια ως αλλά στα στις τις όπως ή ότι"),
    ("id", "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke ada karena oleh atau saya bisa mereka kita kami sudah telah lebih seperti hanya tersebut dapat"),
    ("vi", "và của là có được cho không những trong các một người đã với này để khi cũng như từ đến về theo tại thì ra nhiều sẽ nên"),
    ("ca", "de la i el que a en les del per un una amb els és no es al va com més o seu seva però ha"),
    ("lt", "ir į kad yra su iš bet ar jo kaip tai jau nuo dar taip buvo į apie"),
    ("lv", "un ir ar par uz no kas tas bet arī lai kā tā vai bija pie"),
    ("et", "ja on et ei see oli ka kui mis ta aga nii või siis oma veel ole"),
    ("ar", "في من على أن إلى عن مع هذا هذه التي الذي كان ما لا أو قد كما بين بعد ذلك عند كل هو هي لم ثم حيث"),
    ("fa", "و در به از که این را با است برای آن یک تا می بر شد هم نیز شده بود کرد"),
    ("he", "של את על הוא לא עם זה כי גם היא אם או אבל כל יש הם מה אני היה"),
    ("hi", "के है में की और से को का एक यह पर भी नहीं कि हैं था लिए ने तो कर गया ही इस जो"),
    ("bn", "এবং এই না করে তার থেকে জন্য একটি হয় করা তিনি সঙ্গে তাদের কিন্তু"),
    ("th", "และ ที่ ของ ใน เป็น มี ไม่ ได้ ให้ การ ว่า จะ กับ แต่ ก็"),
    ("sw", "na ya wa kwa ni za katika la kuwa hiyo hii au pia lakini"),
    ("tl", "ang ng sa na at mga ay si ni para hindi ito kung may"),
];

/// Characters that act as function words in scripts written without spaces
/// (Chinese and Japanese): frequent particles, pronouns and auxiliaries. Every
/// hiragana character also counts (see [`super::features`]): Japanese prose
/// joins its words with them, menus and names mostly do not.
pub const CJK_FUNCTION_CHARS: &str =
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里如家多方去所然没还都把被与其从但并或";

/// Expected stop-word share of CJK prose, relative to space-separated languages:
/// one character is a smaller unit than one word, so shares are scaled up by this.
pub const CJK_SHARE_SCALE: f32 = 1.6;
