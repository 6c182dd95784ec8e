/**
 * Stop words: the function words of each language (used to tell the language too), and the words
 * every helpdesk ticket carries whatever its fault (greetings, politeness, "issue", time words),
 * which would otherwise make unrelated tickets look alike. Written plainly here; the analyzer
 * folds accents before it looks words up.
 */
import type { Language } from './stemmers';

/** Function words, per language: articles, pronouns, prepositions, auxiliaries, conjunctions. */
export const FUNCTION_WORDS: Record<Language, string> = {
  en: `a about above after again against all am an and any are aren't as at be because been before being below between
    both but by can can't cannot could couldn't did didn't do does doesn't doing don't during each few for from
    further had hadn't has hasn't have haven't having he her here hers herself him himself his how i i'm i've if in into
    is isn't it it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought our
    ours ourselves out over own same shan't she should shouldn't so some such than that that's the their theirs them
    themselves then there there's these they this those through to too under until up very was wasn't we were weren't
    what when where which while who whom why will with won't would wouldn't you your yours yourself yourselves also
    just any every even however may might must shall via per`,
  de: `aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus bei bin
    bis bist da damit dann das dass dasselbe dazu dein deine deinem deinen deiner dem den denn der derer des desselben
    dessen dich die dies diese dieselbe dieselben diesem diesen dieser dieses dir doch dort du durch ein eine einem einen
    einer eines einig einige einigem einigen einiger einiges einmal er es etwas euch euer eure für gegen gewesen hab habe
    haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede
    jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines können könnte
    machen man manche manchem manchen mancher manches mein meine meinem meinen meiner meines mich mir mit muss musste
    nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie sind so
    solche solchem solchen solcher solches soll sollte sondern sonst über um und uns unser unsere unserem unseren
    unserer unter viel vom von vor während war waren warst was weg weil weiter welche welchem welchen welcher welches
    wenn werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen bitte`,
  es: `a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos
    en entre era erais eran eras eres es esa esas ese eso esos esta estaba estado estais estamos estan estar estas este
    esto estos estoy fue fueron fui ha hace haber habia han has hasta hay la las le les lo los mas me mi mis mucho muy
    nada ni no nos nosotros o os otra otras otro otros para pero poco por porque que quien se sea ser si sido sin sobre
    son su sus también tanto te tiene tienen todo todos tu tus un una uno unos usted ustedes y ya yo`,
  fr: `a ai au aux avec avoir c ce ceci cela celle ces cet cette d dans de des du elle elles en est et été être eu il ils
    j je l la le les leur leurs lui m ma mais me même mes moi mon n ne nos notre nous on ont ou où par pas pour qu que
    qui s sa sans se ses si son sont sur ta te tes toi ton tous tout toute toutes tu un une vos votre vous y depuis
    très plus aussi comme donc car peut peuvent fait faire`,
  pt: `a ao aos as até com como da das de dela dele deles do dos e ela elas ele eles em entre era eram essa essas esse
    esses esta estas este estes estou eu foi foram há isso isto já lhe lhes mais mas me mesmo meu minha muito na nas nem
    no nos nossa nosso num numa o os ou para pela pelas pelo pelos por qual quando que quem se sem ser seu seus sua suas
    também te tem têm tenho ter teu tua um uma uns umas você vocês vos está estão sobre não são desde`,
};

/** Words of every helpdesk ticket: greetings, sign-offs, politeness, ticket words, time words. */
export const TICKET_WORDS: Record<Language, string> = {
  en: `dear hello hi hey team support customer service desk please kindly thank thanks regards best sincerely cheers
    well kind help assist assistance appreciate appreciated grateful write writing reach reaching hope message find finds
    contact contacting inform informing report reporting issue issues problem problems incident incidents ticket request requesting
    request regarding concern concerns matter attention soon possible asap urgent urgently would like need needs
    needed able unable seem seems seemed experience experiencing experienced currently recently still again already
    today yesterday tomorrow morning afternoon evening night tonight week weeks month months day days hour hours
    minute minutes time times since ago last lately now sometimes often every monday tuesday wednesday thursday
    friday saturday sunday name acc num tel company new show shows showing get gets getting got make makes
    use using used want wants try tried trying everyone anyone someone something anything thing things way
    say says said let know see look looking`,
  de: `sehr geehrte geehrter geehrtes damen herren hallo liebe lieber liebes team kundensupport kundenservice support
    danke vielen dank freundlichen grüßen gruß grüße beste mfg anfrage problem probleme ticket hilfe helfen bitten
    unterstützung dringend möglich baldmöglichst leider derzeit aktuell momentan kürzlich bereits immer noch heute
    gestern morgen woche wochen monat tag tage tagen stunde stunden seit letzte letzten letzter zeit melden mitteilen
    informieren schreiben ab neu neue neuen melde wegen bezuglich betreff`,
  es: `estimado estimada estimados equipo soporte atención cliente hola gracias saludos cordiales atentamente ayuda
    ayudar problema problemas solicitud urgente posible actualmente recientemente todavía hoy ayer mañana semana
    semanas mes día días hora horas desde último última escribo escribir informar`,
  fr: `cher chère chers madame monsieur équipe bonjour merci cordialement salutations aide aider problème problèmes
    demande urgent possible actuellement récemment encore toujours aujourd'hui hier demain semaine semaines mois jour
    jours heure heures dernier dernière écris écrire informer signaler`,
  pt: `prezado prezada prezados equipe suporte olá obrigado obrigada atenciosamente saudações ajuda ajudar problema
    problemas solicitação urgente possível atualmente recentemente ainda hoje ontem amanhã semana semanas mês dia dias
    hora horas desde último última escrevo escrever informar`,
};
