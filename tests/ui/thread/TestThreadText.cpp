// The words of a thread row, straight from a StoredMessage: no model, no store, no display.
#include "ui/thread/ThreadText.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace
{

StoredMessage inbound(MessageType type, const QString& body = {})
{
    StoredMessage m;
    m.id = 7;
    m.direction = MessageDirection::Inbound;
    m.contactE164 = u"+14155550100"_s;
    m.contactName = u"Ana"_s;
    m.provider = u"meta"_s;
    m.type = type;
    m.body = body;
    return m;
}

StoredMessage reaction(const QString& target, const QString& emoji)
{
    StoredMessage m = inbound(MessageType::Reaction);
    m.extra.reaction = MessageExtras::Reaction{target, emoji};
    return m;
}

} // namespace

Q_DECLARE_METATYPE(StoredMessage)

class TestThreadText : public QObject
{
    Q_OBJECT

private slots:
    void displayText_data();
    void displayText();
    void previewIsTheFirstLine();
    void author_data();
    void author();
    void quote();
    void accessibleTextSaysWhoSentIt();
    void errorInWords_data();
    void errorInWords();
    void reactionTargetAndEmoji();
};

void TestThreadText::displayText_data()
{
    QTest::addColumn<StoredMessage>("message");
    QTest::addColumn<QString>("text");

    QTest::newRow("plain text") << inbound(MessageType::Text, u"Where is parcel 4471?"_s) << u"Where is parcel 4471?"_s;
    QTest::newRow("photo with a caption")
        << inbound(MessageType::Image, u"The box arrived like this"_s) << u"📷 Photo\nThe box arrived like this"_s;
    QTest::newRow("audio") << inbound(MessageType::Audio) << u"🎤 Audio"_s;
    QTest::newRow("video") << inbound(MessageType::Video) << u"🎬 Video"_s;
    QTest::newRow("sticker") << inbound(MessageType::Sticker) << u"Sticker"_s;
    QTest::newRow("document without a name") << inbound(MessageType::Document) << u"📄 Document"_s;
    StoredMessage document = inbound(MessageType::Document, u"Here it is"_s);
    document.extra.media = MessageExtras::Media{};
    document.extra.media->fileName = u"invoice-4471.pdf"_s;
    QTest::newRow("document shows its file name") << document << u"📄 invoice-4471.pdf\nHere it is"_s;
    StoredMessage location = inbound(MessageType::Location);
    location.extra.location = MessageExtras::Location{-23.5614, -46.6558, u"Rua Augusta 1500"_s, {}, {}};
    QTest::newRow("location with its name") << location << u"📍 Location -23.56140, -46.65580\nRua Augusta 1500"_s;
    StoredMessage address = location;
    address.extra.location->address = u"São Paulo"_s;
    QTest::newRow("location with name and address")
        << address << u"📍 Location -23.56140, -46.65580\nRua Augusta 1500\nSão Paulo"_s;
    QTest::newRow("location without details") << inbound(MessageType::Location) << u"📍 Location 0.00000, 0.00000"_s;
    QTest::newRow("contact card") << inbound(MessageType::Contacts) << u"👤 Contact card"_s;
    QTest::newRow("reaction") << reaction(u"wamid.1"_s, u"👍"_s) << u"Reacted 👍"_s;
    QTest::newRow("reaction taken back") << reaction(u"wamid.1"_s, QString()) << u"Reacted "_s;
    QTest::newRow("unsupported") << inbound(MessageType::Unsupported) << u"A message FlowChat cannot show"_s;
    StoredMessage sentMedia = inbound(MessageType::Image, u"Your label"_s);
    sentMedia.direction = MessageDirection::Outbound;
    sentMedia.mediaUrl = u"https://example.com/label.png"_s;
    QTest::newRow("outbound media shows its URL")
        << sentMedia << u"📷 Photo\nhttps://example.com/label.png\nYour label"_s;
    StoredMessage receivedMedia = inbound(MessageType::Image);
    receivedMedia.mediaUrl = u"https://lookaside.example/1"_s;
    QTest::newRow("inbound media hides its URL") << receivedMedia << u"📷 Photo"_s;
    StoredMessage templ = inbound(MessageType::Template);
    templ.direction = MessageDirection::Outbound;
    templ.templateParameters = {u"Ana"_s, u"4471"_s};
    QTest::newRow("template without a body shows its parameters") << templ << u"Ana · 4471"_s;
    templ.body = u"Hi Ana, parcel 4471 is on its way"_s;
    QTest::newRow("template with a body") << templ << u"Hi Ana, parcel 4471 is on its way"_s;
}

void TestThreadText::displayText()
{
    QFETCH(StoredMessage, message);
    QFETCH(QString, text);
    QCOMPARE(ThreadText::displayText(message), text);
}

void TestThreadText::previewIsTheFirstLine()
{
    QCOMPARE(ThreadText::preview(inbound(MessageType::Text, u"Where is parcel 4471?\nIt was due Monday."_s)),
             u"Where is parcel 4471?"_s);
    QCOMPARE(ThreadText::preview(inbound(MessageType::Image, u"caption"_s)), u"📷 Photo"_s);
    QVERIFY(ThreadText::preview(inbound(MessageType::Text)).isEmpty());
}

void TestThreadText::author_data()
{
    QTest::addColumn<StoredMessage>("message");
    QTest::addColumn<QString>("author");
    StoredMessage named = inbound(MessageType::Text);
    QTest::newRow("customer by name") << named << u"Ana"_s;
    StoredMessage unnamed = named;
    unnamed.contactName.clear();
    QTest::newRow("customer without a name: the number") << unnamed << u"+14155550100"_s;
    StoredMessage ours = named;
    ours.direction = MessageDirection::Outbound;
    QTest::newRow("ours") << ours << u"You"_s;
}

void TestThreadText::author()
{
    QFETCH(StoredMessage, message);
    QFETCH(QString, author);
    QCOMPARE(ThreadText::author(message), author);
}

void TestThreadText::quote()
{
    // Not a reply: nothing to quote.
    QVERIFY(ThreadText::quote(inbound(MessageType::Text, u"Any news?"_s)).isEmpty());

    StoredMessage reply = inbound(MessageType::Text, u"Any news?"_s);
    reply.replyTo = u"wamid.q1"_s;
    QCOMPARE(ThreadText::quote(reply), (QStringList{QString(), u"Original message not available"_s}));

    QuotedMessage quoted;
    quoted.direction = MessageDirection::Inbound;
    quoted.contactE164 = u"+14155550100"_s;
    quoted.contactName = u"Ana"_s;
    quoted.body = u"Where is parcel 4471?\nIt was due Monday."_s;
    reply.quoted = quoted;
    QCOMPARE(ThreadText::quote(reply), (QStringList{u"Ana"_s, u"Where is parcel 4471?"_s}));

    // Our own document, quoted: "You" and its file name.
    QuotedMessage document;
    document.direction = MessageDirection::Outbound;
    document.type = MessageType::Document;
    document.extra.media = MessageExtras::Media{};
    document.extra.media->fileName = u"invoice-4471.pdf"_s;
    reply.quoted = document;
    QCOMPARE(ThreadText::quote(reply), (QStringList{u"You"_s, u"📄 invoice-4471.pdf"_s}));
}

void TestThreadText::accessibleTextSaysWhoSentIt()
{
    StoredMessage m = inbound(MessageType::Text, u"hello"_s);
    QCOMPARE(ThreadText::accessibleText(m), u"Received: hello"_s);
    m.direction = MessageDirection::Outbound;
    QCOMPARE(ThreadText::accessibleText(m), u"Sent: hello"_s);
}

void TestThreadText::errorInWords_data()
{
    QTest::addColumn<StoredMessage>("message");
    QTest::addColumn<QString>("titleContains"); // empty: no title and no advice
    QTest::addColumn<QString>("adviceContains");

    StoredMessage out = inbound(MessageType::Text, u"too late"_s);
    out.direction = MessageDirection::Outbound;
    out.status = MessageStatus::Delivered;
    QTest::newRow("delivered: nothing to say") << out << QString() << QString();
    out.status = MessageStatus::Failed;
    out.errorCode = u"131047"_s;
    out.errorMessage = u"Re-engagement message"_s;
    QTest::newRow("catalogued failure") << out << u"24-hour"_s << QString();
    out.status = MessageStatus::Undelivered;
    QTest::newRow("undelivered reads the same") << out << u"24-hour"_s << QString();
    out.status = MessageStatus::Failed;
    out.errorCode = u"dismissed"_s;
    QTest::newRow("dismissed by an agent") << out << u"Not sent: dismissed"_s << u"Retry sends it again."_s;
    out.status = MessageStatus::Unknown;
    out.errorCode.clear();
    QTest::newRow("outcome unknown") << out << u"Outcome unknown"_s << u"Resend it or dismiss it."_s;
}

void TestThreadText::errorInWords()
{
    QFETCH(StoredMessage, message);
    QFETCH(QString, titleContains);
    QFETCH(QString, adviceContains);
    const QString title = ThreadText::errorTitle(message);
    const QString advice = ThreadText::errorAdvice(message);
    if (titleContains.isEmpty()) {
        QVERIFY(title.isEmpty());
        QVERIFY(advice.isEmpty());
        return;
    }
    QVERIFY2(title.contains(titleContains), qPrintable(title));
    QVERIFY(!advice.isEmpty());
    QVERIFY2(advice.contains(adviceContains), qPrintable(advice));
}

void TestThreadText::reactionTargetAndEmoji()
{
    const StoredMessage thumbsUp = reaction(u"wamid.r1"_s, u"👍"_s);
    QCOMPARE(ThreadText::reactionTarget(thumbsUp), u"wamid.r1"_s);
    QCOMPARE(ThreadText::reactionEmoji(thumbsUp), u"👍"_s);
    QVERIFY(ThreadText::reactionEmoji(reaction(u"wamid.r1"_s, QString())).isEmpty());
    QVERIFY(ThreadText::reactionTarget(inbound(MessageType::Text, u"hi"_s)).isEmpty());
    QVERIFY(ThreadText::reactionEmoji(inbound(MessageType::Text, u"hi"_s)).isEmpty());
}

QTEST_MAIN(TestThreadText)
#include "TestThreadText.moc"
