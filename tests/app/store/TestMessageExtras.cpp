#include "app/store/MessageExtras.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace
{

// JSON written with single quotes, so the fixtures read without escapes.
QJsonObject parse(QByteArray text)
{
    text.replace('\'', '"');
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        qFatal("bad JSON in the test: %s", text.constData());
    }
    return document.object();
}

// Every field set, none to its default.
MessageExtras everyField()
{
    MessageExtras e;
    e.to = u"+15550001111"_s;
    e.media = MessageExtras::Media{
        u"media-1"_s, u"https://cdn.example.com/m1"_s, u"audio/ogg"_s, u"abc="_s, u"note.ogg"_s, true, true};
    e.location = MessageExtras::Location{-23.55, -46.63, u"Office"_s, u"Av. Paulista"_s, u"https://maps.example/1"_s};
    e.contacts = QJsonArray{QJsonObject{{u"name"_s, QJsonObject{{u"formatted_name"_s, u"Ana"_s}}}}};
    e.button = MessageExtras::Button{u"Yes"_s, u"confirm"_s};
    e.interactive = MessageExtras::Interactive{u"list_reply"_s, u"row-2"_s, u"Tomorrow"_s, u"9 to 12"_s};
    e.reaction = MessageExtras::Reaction{u"wamid.target"_s, u"👍"_s};
    e.unsupportedReason = u"Message type unknown"_s;
    e.mediaUrls = {u"https://cdn.example.com/a.jpg"_s, u"https://cdn.example.com/b.jpg"_s};
    e.templateHeader = MessageExtras::TemplateHeader{u"image"_s, u"https://cdn.example.com/header.jpg"_s};
    e.templateParameterNames = {u"name"_s, u"order"_s};
    return e;
}

} // namespace

class TestMessageExtras : public QObject
{
    Q_OBJECT

private slots:
    void everyFieldHasItsKey();
    void roundTripKeepsEveryField();
    void emptyExtrasAreEmptyJson();
    void readsOldRows_data();
    void readsOldRows();
    void oldRowFieldsReadTyped();
    void unknownKeysSurviveReadModifyWrite();
    void clearedObjectDropsItsUnknownKeys();
    void mistypedFieldsReadAsEmpty();
};

void TestMessageExtras::everyFieldHasItsKey()
{
    // The JSON the column holds: these key names are what rows already in databases use.
    const QJsonObject expected =
        parse("{"
              "'to': '+15550001111',"
              "'media': {'id': 'media-1', 'url': 'https://cdn.example.com/m1', 'mime_type': 'audio/ogg',"
              "'sha256': 'abc=', 'file_name': 'note.ogg', 'voice': true, 'animated': true},"
              "'location': {'latitude': -23.55, 'longitude': -46.63, 'name': 'Office', 'address': 'Av. Paulista',"
              "'url': 'https://maps.example/1'},"
              "'contacts': [{'name': {'formatted_name': 'Ana'}}],"
              "'button': {'text': 'Yes', 'payload': 'confirm'},"
              "'interactive': {'kind': 'list_reply', 'id': 'row-2', 'title': 'Tomorrow', 'description': '9 to 12'},"
              "'reaction': {'target': 'wamid.target', 'emoji': '👍'},"
              "'unsupported_reason': 'Message type unknown',"
              "'media_urls': ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/b.jpg'],"
              "'template_header': {'type': 'image', 'url': 'https://cdn.example.com/header.jpg'},"
              "'template_parameter_names': ['name', 'order']"
              "}");
    QCOMPARE(everyField().toJson(), expected);
    QVERIFY(MessageExtras::fromJson(expected) == everyField());
}

void TestMessageExtras::roundTripKeepsEveryField()
{
    const MessageExtras original = everyField();
    const MessageExtras back = MessageExtras::fromJson(original.toJson());
    QVERIFY(back.unknown.isEmpty());
    QCOMPARE(back.to, original.to);
    QVERIFY(back.media == original.media);
    QVERIFY(back.location == original.location);
    QCOMPARE(back.contacts, original.contacts);
    QVERIFY(back.button == original.button);
    QVERIFY(back.interactive == original.interactive);
    QVERIFY(back.reaction == original.reaction);
    QCOMPARE(back.unsupportedReason, original.unsupportedReason);
    QCOMPARE(back.mediaUrls, original.mediaUrls);
    QVERIFY(back.templateHeader == original.templateHeader);
    QCOMPARE(back.templateParameterNames, original.templateParameterNames);
    QVERIFY(back == original);

    // Objects whose fields are all empty are still there: a reaction taken back has no emoji.
    MessageExtras removed;
    removed.reaction = MessageExtras::Reaction{u"wamid.target"_s, {}};
    removed.location = MessageExtras::Location{};
    QVERIFY(MessageExtras::fromJson(removed.toJson()) == removed);
}

void TestMessageExtras::emptyExtrasAreEmptyJson()
{
    // An empty object is stored as NULL, as before.
    QVERIFY(MessageExtras().toJson().isEmpty());
    QVERIFY(MessageExtras::fromJson({}) == MessageExtras());
}

void TestMessageExtras::readsOldRows_data()
{
    // Rows as the writer stored them before the typed struct; rewriting them changes nothing.
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("outgoing media") << "{'media_urls':['https://cdn.example.com/a.jpg']}"_ba;
    QTest::newRow("outgoing template with header")
        << "{'template_header':{'type':'document','url':'https://cdn.example.com/x.pdf'}}"_ba;
    QTest::newRow("inbound image")
        << "{'to':'+15550001111','media':{'id':'m1','url':'','mime_type':'image/jpeg','sha256':'abc='}}"_ba;
    QTest::newRow("inbound voice note")
        << "{'to':'123456','media':{'id':'m2','url':'','mime_type':'audio/ogg','voice':true}}"_ba;
    QTest::newRow("inbound document")
        << "{'media':{'id':'m3','url':'','mime_type':'application/pdf','file_name':'invoice.pdf'}}"_ba;
    QTest::newRow("inbound location")
        << "{'location':{'latitude':-23.55,'longitude':-46.63,'name':'','address':'','url':''}}"_ba;
    QTest::newRow("inbound contacts") << "{'contacts':[{'name':{'formatted_name':'Ana'},'phones':[]}]}"_ba;
    QTest::newRow("inbound button") << "{'button':{'text':'Yes','payload':'yes'}}"_ba;
    QTest::newRow("inbound list reply")
        << "{'interactive':{'kind':'list_reply','id':'r1','title':'Tomorrow','description':''}}"_ba;
    QTest::newRow("inbound reaction") << "{'reaction':{'target':'wamid.1','emoji':'❤️'}}"_ba;
    QTest::newRow("inbound reaction removed") << "{'reaction':{'target':'wamid.1','emoji':''}}"_ba;
    QTest::newRow("inbound unsupported") << "{'unsupported_reason':'Message type unknown'}"_ba;
}

void TestMessageExtras::readsOldRows()
{
    QFETCH(QByteArray, json);
    const QJsonObject stored = parse(json);
    const MessageExtras extras = MessageExtras::fromJson(stored);
    QVERIFY(extras.unknown.isEmpty());
    QCOMPARE(extras.toJson(), stored);
}

void TestMessageExtras::oldRowFieldsReadTyped()
{
    const MessageExtras document =
        MessageExtras::fromJson(parse("{'to':'+15550001111','media':{'id':'m3','url':'','mime_type':'application/pdf',"
                                      "'file_name':'invoice.pdf'}}"));
    QCOMPARE(document.to, u"+15550001111"_s);
    QVERIFY(document.media);
    QCOMPARE(document.media->id, u"m3"_s);
    QCOMPARE(document.media->mimeType, u"application/pdf"_s);
    QCOMPARE(document.media->fileName, u"invoice.pdf"_s);
    QVERIFY(!document.media->voice);
    QVERIFY(!document.location);
    QVERIFY(!document.reaction);

    const MessageExtras place = MessageExtras::fromJson(
        parse("{'location':{'latitude':-23.55,'longitude':-46.63,'name':'Office','address':'Av. Paulista'}}"));
    QVERIFY(place.location);
    QCOMPARE(place.location->latitude, -23.55);
    QCOMPARE(place.location->longitude, -46.63);
    QCOMPARE(place.location->name, u"Office"_s);
    QCOMPARE(place.location->address, u"Av. Paulista"_s);
    QVERIFY(!place.media);

    const MessageExtras outgoing = MessageExtras::fromJson(parse(
        "{'media_urls':['https://a.example/1.jpg','https://a.example/2.jpg'],"
        "'template_header':{'type':'image','url':'https://a.example/h.jpg'},'template_parameter_names':['name']}"));
    QCOMPARE(outgoing.mediaUrls, QStringList({u"https://a.example/1.jpg"_s, u"https://a.example/2.jpg"_s}));
    QVERIFY(outgoing.templateHeader);
    QCOMPARE(outgoing.templateHeader->type, u"image"_s);
    QCOMPARE(outgoing.templateHeader->url, u"https://a.example/h.jpg"_s);
    QCOMPARE(outgoing.templateParameterNames, QStringList{u"name"_s});
}

void TestMessageExtras::unknownKeysSurviveReadModifyWrite()
{
    const QJsonObject stored = parse("{"
                                     "'media_urls': ['https://cdn.example.com/a.jpg'],"
                                     "'media': {'id': 'm1', 'url': '', 'mime_type': 'image/jpeg', 'width': 640},"
                                     "'future_field': {'nested': [1, 2]},"
                                     "'future_flag': true"
                                     "}");
    MessageExtras extras = MessageExtras::fromJson(stored);
    QCOMPARE(extras.unknown,
             parse("{'media': {'width': 640}, 'future_field': {'nested': [1, 2]}, 'future_flag': true}"));

    extras.mediaUrls << u"https://cdn.example.com/b.jpg"_s;
    extras.media->fileName = u"photo.jpg"_s;
    const QJsonObject rewritten = extras.toJson();
    QCOMPARE(
        rewritten,
        parse("{"
              "'media_urls': ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/b.jpg'],"
              "'media': {'id': 'm1', 'url': '', 'mime_type': 'image/jpeg', 'file_name': 'photo.jpg', 'width': 640},"
              "'future_field': {'nested': [1, 2]},"
              "'future_flag': true"
              "}"));
}

void TestMessageExtras::clearedObjectDropsItsUnknownKeys()
{
    MessageExtras extras = MessageExtras::fromJson(
        parse("{'media':{'id':'m1','url':'','mime_type':'image/jpeg','width':640},'future_flag':true}"));
    extras.media.reset();
    QCOMPARE(extras.toJson(), parse("{'future_flag':true}"));

    // A known key put in `unknown` by hand never beats the field.
    extras.unknown.insert(u"to"_s, u"+15559999999"_s);
    extras.to = u"+15550001111"_s;
    QCOMPARE(extras.toJson().value(u"to"_s).toString(), u"+15550001111"_s);
    extras.to.clear();
    QVERIFY(!extras.toJson().contains(u"to"_s));
}

void TestMessageExtras::mistypedFieldsReadAsEmpty()
{
    // Lenient like the readers it replaced: a field of the wrong type reads as empty.
    const MessageExtras extras = MessageExtras::fromJson(
        parse("{'media':'oops','media_urls':'https://a.example/1.jpg','location':{'latitude':'1.5'},'to':7}"));
    QVERIFY(!extras.media);
    QVERIFY(extras.mediaUrls.isEmpty());
    QVERIFY(extras.location);
    QCOMPARE(extras.location->latitude, 0.0);
    QVERIFY(extras.to.isEmpty());
    QVERIFY(extras.unknown.isEmpty());
}

QTEST_GUILESS_MAIN(TestMessageExtras)
#include "TestMessageExtras.moc"
