// The thread's rich rows on a real service and the Meta emulator: a reply shows the quoted
// message, a reaction lands on its target instead of a row of its own, an image's thumbnail is
// fetched through the provider when its row is painted, and Open reaches a document or a map.
#include "app/store/StoreReader.h"
#include "tests/support/UiTestSupport.h"
#include "ui/thread/BubbleDelegate.h"
#include "ui/thread/ThreadModel.h"
#include "ui/thread/ThreadView.h"
#include "ui/timeline/MessageMenu.h"

#include <QBuffer>
#include <QDesktopServices>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace ServiceTest;

namespace
{

const QString kFrom = u"14155550100"_s;

// A signed Meta webhook carrying one inbound message (`message` without from, id, timestamp).
QByteArray inbound(const QString& wamid, QJsonObject message)
{
    message.insert(u"from"_s, kFrom);
    message.insert(u"id"_s, wamid);
    message.insert(u"timestamp"_s, QString::number(QDateTime::currentSecsSinceEpoch()));
    QJsonObject envelope = QJsonDocument::fromJson(metaInboundBody(wamid, kFrom, u"x"_s)).object();
    QJsonArray entries = envelope.value(u"entry"_s).toArray();
    QJsonObject entry = entries.first().toObject();
    QJsonArray changes = entry.value(u"changes"_s).toArray();
    QJsonObject change = changes.first().toObject();
    QJsonObject value = change.value(u"value"_s).toObject();
    value.insert(u"messages"_s, QJsonArray{message});
    change.insert(u"value"_s, value);
    changes[0] = change;
    entry.insert(u"changes"_s, changes);
    entries[0] = entry;
    envelope.insert(u"entry"_s, entries);
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

QJsonObject text(const QString& body, const QString& replyTo = {})
{
    QJsonObject message{{u"type"_s, u"text"_s}, {u"text"_s, QJsonObject{{u"body"_s, body}}}};
    if (!replyTo.isEmpty()) {
        message.insert(u"context"_s, QJsonObject{{u"from"_s, kFrom}, {u"id"_s, replyTo}});
    }
    return message;
}

QByteArray png(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(QColor(0x25, 0xa3, 0x66));
    QPainter(&image).fillRect(0, 0, width / 2, height / 2, Qt::white);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

// Receives the URLs QDesktopServices is asked to open.
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public slots:
    void open(const QUrl& url)
    {
        urls << url;
    }
};

class TestRichThread : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void replyShowsTheQuotedMessage();
    void reactionLandsOnItsTarget();
    void imageThumbnailIsFetchedWhenPainted();
    void openReachesDocumentsAndMaps();

private:
    bool receive(const QString& wamid, const QJsonObject& message);
    void show(); // the thread of the only conversation, in a real view

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Harness> m_harness;
    std::unique_ptr<StoreReader> m_reader;
    std::unique_ptr<ThreadModel> m_model;
    std::unique_ptr<ThreadView> m_view;
};

void TestRichThread::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_harness = std::make_unique<Harness>(m_dir->path());
    QVERIFY(m_harness->up());
    m_reader = std::make_unique<StoreReader>(m_harness->database());
}

void TestRichThread::cleanup()
{
    m_view.reset();
    m_model.reset();
    m_reader.reset();
    m_harness.reset();
    m_dir.reset();
}

bool TestRichThread::receive(const QString& wamid, const QJsonObject& message)
{
    const Result<WebhookOutcome> outcome = m_harness->receive(m_harness->metaWebhook(inbound(wamid, message)));
    return outcome && outcome->verdict == WebhookLogEntry::Verdict::Accepted;
}

void TestRichThread::show()
{
    m_model = std::make_unique<ThreadModel>(m_reader.get());
    m_model->setService(m_harness->client());
    connect(m_harness->service.get(), &WhatsAppService::messageChanged, m_model.get(), &ThreadModel::messageChanged);
    m_view = std::make_unique<ThreadView>();
    m_view->resize(640, 520);
    m_view->setThreadModel(m_model.get());
    const auto conversation = MessageReader(m_harness->database()).conversationForContact(u"+"_s + kFrom);
    QVERIFY(conversation && conversation->has_value());
    QSignalSpy loaded(m_model.get(), &ThreadModel::pageLoaded);
    m_model->setConversation((*conversation)->id);
    QVERIFY(loaded.wait());
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestRichThread::replyShowsTheQuotedMessage()
{
    QVERIFY(receive(u"wamid.q1"_s, text(u"Where is parcel 4471?\nIt was due Monday."_s)));
    QVERIFY(receive(u"wamid.q2"_s, text(u"Any news?"_s, u"wamid.q1"_s)));
    QVERIFY(receive(u"wamid.q3"_s, text(u"Any news?"_s)));
    QVERIFY(receive(u"wamid.q4"_s, text(u"And this?"_s, u"wamid.never-stored"_s)));
    show();
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(m_model->index(1).data(ThreadModel::QuoteRole).toStringList(),
             (QStringList{u"Ana"_s, u"Where is parcel 4471?"_s}));
    QVERIFY(m_model->index(2).data(ThreadModel::QuoteRole).toStringList().isEmpty());
    QCOMPARE(m_model->index(3).data(ThreadModel::QuoteRole).toStringList().value(1),
             u"Original message not available"_s);

    // The quote takes room in the bubble: the same text without one is shorter.
    auto* delegate = qobject_cast<BubbleDelegate*>(m_view->itemDelegate());
    QStyleOptionViewItem option;
    option.initFrom(m_view->viewport());
    option.widget = m_view.get();
    const int quoted = delegate->sizeHint(option, m_model->index(1)).height();
    const int plain = delegate->sizeHint(option, m_model->index(2)).height();
    QVERIFY2(quoted > plain + 20, qPrintable(u"%1 vs %2"_s.arg(quoted).arg(plain)));
    m_view->grab().save(u"/tmp/flowchat-ui-reply.png"_s);
}

void TestRichThread::reactionLandsOnItsTarget()
{
    QVERIFY(receive(u"wamid.r1"_s, text(u"Thanks for the refund!"_s)));
    show();
    QCOMPARE(m_model->rowCount(), 1);
    auto* delegate = qobject_cast<BubbleDelegate*>(m_view->itemDelegate());
    QStyleOptionViewItem option;
    option.initFrom(m_view->viewport());
    option.widget = m_view.get();
    const int before = delegate->sizeHint(option, m_model->index(0)).height();

    const QJsonObject thumbsUp{{u"type"_s, u"reaction"_s},
                               {u"reaction"_s, QJsonObject{{u"message_id"_s, u"wamid.r1"_s}, {u"emoji"_s, u"👍"_s}}}};
    QVERIFY(receive(u"wamid.r2"_s, thumbsUp));
    QTRY_COMPARE(m_model->index(0).data(ThreadModel::ReactionsRole).toString(), u"👍"_s);
    QCOMPARE(m_model->rowCount(), 1); // no row of its own
    QVERIFY(delegate->sizeHint(option, m_model->index(0)).height() > before);
    m_view->grab().save(u"/tmp/flowchat-ui-reaction.png"_s);

    // Opened again from the store, the reaction is still on its target and still not a row.
    show();
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0).data(ThreadModel::ReactionsRole).toString(), u"👍"_s);

    // An empty emoji takes it back.
    const QJsonObject removed{{u"type"_s, u"reaction"_s},
                              {u"reaction"_s, QJsonObject{{u"message_id"_s, u"wamid.r1"_s}, {u"emoji"_s, u""_s}}}};
    QVERIFY(receive(u"wamid.r3"_s, removed));
    QTRY_VERIFY(m_model->index(0).data(ThreadModel::ReactionsRole).toString().isEmpty());
    QCOMPARE(m_model->rowCount(), 1);
}

void TestRichThread::imageThumbnailIsFetchedWhenPainted()
{
    const QString mediaId = m_harness->emulator->addMedia(png(600, 400), u"image/png"_s);
    QVERIFY(receive(u"wamid.i1"_s,
                    QJsonObject{{u"type"_s, u"image"_s},
                                {u"image"_s,
                                 QJsonObject{{u"id"_s, mediaId},
                                             {u"mime_type"_s, u"image/png"_s},
                                             {u"caption"_s, u"The box arrived like this"_s}}}}));
    QVERIFY(
        receive(u"wamid.i2"_s,
                QJsonObject{{u"type"_s, u"image"_s},
                            {u"image"_s, QJsonObject{{u"id"_s, u"999000999"_s}, {u"mime_type"_s, u"image/jpeg"_s}}}}));
    const QString tinyId = m_harness->emulator->addMedia(png(4, 4), u"image/png"_s);
    QVERIFY(receive(u"wamid.i3"_s,
                    QJsonObject{{u"type"_s, u"image"_s},
                                {u"image"_s, QJsonObject{{u"id"_s, tinyId}, {u"mime_type"_s, u"image/png"_s}}}}));
    show();
    QCOMPARE(m_model->rowCount(), 3);
    // A tiny picture is shown larger than a speck.
    m_view->scrollTo(m_model->index(2));
    QTRY_VERIFY_WITH_TIMEOUT(!m_model->index(2).data(ThreadModel::ThumbnailRole).value<QImage>().isNull(), 10000);
    QCOMPARE(m_model->index(2).data(ThreadModel::ThumbnailSizeRole).toSize(), QSize(96, 96));
    m_view->scrollTo(m_model->index(0));
    // Painting asks for the pixels; the fetch and the decoding happen off the paint.
    QTRY_VERIFY_WITH_TIMEOUT(!m_model->index(0).data(ThreadModel::ThumbnailRole).value<QImage>().isNull(), 10000);
    const QImage thumbnail = m_model->index(0).data(ThreadModel::ThumbnailRole).value<QImage>();
    QCOMPARE(thumbnail.size(), QSize(240, 160));
    QCOMPARE(m_model->index(0).data(ThreadModel::ThumbnailSizeRole).toSize(), QSize(240, 160));
    QVERIFY(m_model->index(0).data(ThreadModel::ThumbnailErrorRole).toString().isEmpty());

    // Media the provider does not have: said in words, and no picture frame.
    QTRY_VERIFY_WITH_TIMEOUT(!m_model->index(1).data(ThreadModel::ThumbnailErrorRole).toString().isEmpty(), 10000);
    QVERIFY(!m_model->index(1).data(ThreadModel::ThumbnailSizeRole).toSize().isValid());
    QTRY_VERIFY(m_view->visualRect(m_model->index(0)).height() > 160);
    m_view->grab().save(u"/tmp/flowchat-ui-thumbnail.png"_s);
}

void TestRichThread::openReachesDocumentsAndMaps()
{
    const QByteArray pdf = "%PDF-1.4 invoice 4471";
    const QString mediaId = m_harness->emulator->addMedia(pdf, u"application/pdf"_s);
    QVERIFY(receive(u"wamid.d1"_s,
                    QJsonObject{{u"type"_s, u"document"_s},
                                {u"document"_s,
                                 QJsonObject{{u"id"_s, mediaId},
                                             {u"mime_type"_s, u"application/pdf"_s},
                                             {u"filename"_s, u"invoice-4471.pdf"_s}}}}));
    QVERIFY(receive(
        u"wamid.l1"_s,
        QJsonObject{
            {u"type"_s, u"location"_s},
            {u"location"_s,
             QJsonObject{{u"latitude"_s, -23.5614}, {u"longitude"_s, -46.6558}, {u"name"_s, u"Rua Augusta 1500"_s}}}}));
    show();
    QCOMPARE(m_model->rowCount(), 2);
    QVERIFY(m_model->index(0).data(ThreadModel::DisplayTextRole).toString().contains(u"invoice-4471.pdf"_s));

    UrlCatcher catcher;
    QDesktopServices::setUrlHandler(u"file"_s, &catcher, "open");
    QDesktopServices::setUrlHandler(u"https"_s, &catcher, "open");
    MessageMenu menu(m_view.get());
    menu.setService(m_harness->client());
    QVERIFY(MessageMenu::canOpen(m_model->index(0)));
    menu.open(m_model->index(0));
    QTRY_COMPARE(catcher.urls.size(), 1);
    QFile file(catcher.urls.first().toLocalFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), pdf);

    menu.open(m_model->index(1));
    QTRY_COMPARE(catcher.urls.size(), 2);
    QCOMPARE(catcher.urls.at(1),
             QUrl(u"https://www.openstreetmap.org/?mlat=-23.561400&mlon=-46.655800#map=16/-23.561400/-46.655800"_s));
    QDesktopServices::unsetUrlHandler(u"file"_s);
    QDesktopServices::unsetUrlHandler(u"https"_s);
}

QTEST_MAIN(TestRichThread)
#include "TestRichThread.moc"
