// MediaFetcher on its own: an inbound message's media is downloaded through the real MetaCloudProvider
// from the in-process emulator once, then served from the cache folder; the provider's error keeps
// its code and reason and caches nothing; messages it cannot fetch for are refused with a reason.
#include "app/service/MediaFetcher.h"
#include "tests/support/ServiceTestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace ServiceTest;
using namespace Qt::StringLiterals;

namespace
{

bool postJson(const QUrl& url, const QJsonObject& body)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    std::unique_ptr<QNetworkReply> reply(network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 5000)) {
        return false;
    }
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
}

Result<QString> fetch(MediaFetcher& fetcher, qint64 messageId)
{
    QObject context;
    return await<QString>([&](auto done) { fetcher.fetch(messageId, &context, done); });
}

const QByteArray kJpeg = QByteArrayLiteral("\xff\xd8\xff\xe0 a very small photo \xff\xd9");

} // namespace

class TestMediaFetcher : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void fetchedOnceThenCached();
    void providerErrorKeepsItsReason();
    void refusals_data();
    void refusals();

private:
    QString cacheFolder() const;
    // An inbound message stored straight into the store; its media (if any) is held by the emulator.
    qint64 storeInbound(Harness& h, const QString& provider, bool withMedia);

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_inbound = 0;
};

void TestMediaFetcher::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_inbound = 0;
}

void TestMediaFetcher::cleanup()
{
    m_dir.reset();
}

QString TestMediaFetcher::cacheFolder() const
{
    return m_dir->filePath(u"fetched"_s);
}

qint64 TestMediaFetcher::storeInbound(Harness& h, const QString& provider, bool withMedia)
{
    InboundMessage in;
    in.provider = provider;
    in.providerMessageId = u"wamid.MEDIA.%1"_s.arg(++m_inbound);
    in.from = kCustomer;
    in.timestamp = QDateTime::currentDateTimeUtc();
    in.type = withMedia ? MessageType::Image : MessageType::Text;
    in.text = u"look"_s;
    if (withMedia) {
        InboundMedia media;
        media.id = h.emulator->addMedia(kJpeg, u"image/jpeg"_s);
        media.mimeType = u"image/jpeg"_s;
        in.media = media;
    }
    const Result<InsertedMessage> inserted =
        await<InsertedMessage>([&](auto done) { h.store->insertInbound(in, &h.context, done); });
    return inserted ? inserted->id : 0;
}

void TestMediaFetcher::fetchedOnceThenCached()
{
    Harness h(m_dir->path());
    QVERIFY(h.up());
    // The customer sends a photo: the emulator's signed webhook reaches the service, which stores it.
    QUrl admin = h.emulator->baseUrl();
    admin.setPath(u"/_emulator/inbound"_s);
    QVERIFY(postJson(admin,
                     {{u"from"_s, u"14155550100"_s},
                      {u"body"_s, u"the box"_s},
                      {u"media_url"_s, u"https://example.com/box.jpg"_s}}));

    qint64 id = 0;
    QTRY_VERIFY([&] {
        const Result<QList<StoredMessage>> stored = h.read().contactMessages(kCustomer);
        if (stored && !stored->isEmpty() && stored->first().type == MessageType::Image) {
            id = stored->first().id;
        }
        return id > 0;
    }());

    MessageReader reader(h.database());
    MediaFetcher fetcher(&reader, cacheFolder(), h.provider.get());
    const Result<QString> path = fetch(fetcher, id);
    QVERIFY2(path, qPrintable(why(path)));
    QCOMPARE(QFileInfo(*path).fileName(), QStringLiteral("%1.jpg").arg(id));
    QVERIFY(path->startsWith(cacheFolder() + u"/"_s));
    QFile file(*path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().startsWith("\xff\xd8"));

    // Cached: the provider is not asked again (every API call would now fail).
    h.emulator->addFault(*FaultSpec::parse(u"500"_s));
    const Result<QString> again = fetch(fetcher, id);
    QVERIFY2(again, qPrintable(why(again)));
    QCOMPARE(*again, *path);

    // The cache is the folder, not the object: a fetcher made later finds the file without a provider.
    MediaFetcher later(&reader, cacheFolder(), nullptr);
    const Result<QString> fromDisk = fetch(later, id);
    QVERIFY2(fromDisk, qPrintable(why(fromDisk)));
    QCOMPARE(*fromDisk, *path);
}

void TestMediaFetcher::providerErrorKeepsItsReason()
{
    Harness h(m_dir->path());
    QVERIFY(h.up());
    const qint64 id = storeInbound(h, u"meta"_s, true);
    QVERIFY(id > 0);
    MessageReader reader(h.database());
    MediaFetcher fetcher(&reader, cacheFolder(), h.provider.get());

    h.emulator->addFault(*FaultSpec::parse(u"error:131052"_s));
    const Result<QString> failed = fetch(fetcher, id);
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, u"131052"_s);
    QVERIFY2(failed.error().message.contains(u"download"_s, Qt::CaseInsensitive), qPrintable(describe(failed.error())));
    QVERIFY(QDir(cacheFolder()).entryList(QDir::Files).isEmpty());

    // Nothing was cached, so the next try asks the provider again.
    h.emulator->clearFaults();
    const Result<QString> fetched = fetch(fetcher, id);
    QVERIFY2(fetched, qPrintable(why(fetched)));
    QFile file(*fetched);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), kJpeg);
}

void TestMediaFetcher::refusals_data()
{
    QTest::addColumn<QString>("provider"); // the stored message's; empty: no message at all
    QTest::addColumn<bool>("withMedia");
    QTest::addColumn<QString>("code");

    QTest::newRow("no such message") << QString() << false << u"store.not_found"_s;
    QTest::newRow("message without media") << u"meta"_s << false << u"invalid_id"_s;
    QTest::newRow("media held by another provider") << u"twilio"_s << true << u"media.provider"_s;
}

void TestMediaFetcher::refusals()
{
    QFETCH(QString, provider);
    QFETCH(bool, withMedia);
    QFETCH(QString, code);

    Harness h(m_dir->path());
    QVERIFY(h.up());
    const qint64 id = provider.isEmpty() ? 123456 : storeInbound(h, provider, withMedia);
    QVERIFY(id > 0);
    MessageReader reader(h.database());
    MediaFetcher fetcher(&reader, cacheFolder(), h.provider.get());
    const Result<QString> refused = fetch(fetcher, id);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, code);
    QVERIFY(!refused.error().message.isEmpty());
    QVERIFY(QDir(cacheFolder()).entryList(QDir::Files).isEmpty());
}

QTEST_GUILESS_MAIN(TestMediaFetcher)
#include "TestMediaFetcher.moc"
