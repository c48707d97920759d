// Thumbnails on their own: which messages have one, decoding to the thumbnail's size, one fetch per
// image through the fetcher, failures in words, and a cache that never holds more than its bytes.
#include "ui/thread/ThumbnailCache.h"

#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace
{

StoredMessage image(qint64 id, MessageType type = MessageType::Image)
{
    StoredMessage m;
    m.id = id;
    m.direction = MessageDirection::Inbound;
    m.type = type;
    m.mediaId = u"media-%1"_s.arg(id);
    return m;
}

} // namespace

Q_DECLARE_METATYPE(StoredMessage)

class TestThumbnailCache : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void applies_data();
    void applies();
    void decodeScalesToTheThumbnail_data();
    void decodeScalesToTheThumbnail();
    void decodeSaysWhyItFailed();
    void fetchedOnceThenCached();
    void failedFetchIsSaidInWords();
    void boundedInBytes();

private:
    // A PNG of that size in the temporary folder; returns its path.
    QString writePng(const QString& name, int width, int height);
    // Answers from the event loop, like the service: message id -> a file, or an error.
    void serve(ThumbnailCache& cache);

    std::unique_ptr<QTemporaryDir> m_dir;
    QHash<qint64, QString> m_files;
    QList<qint64> m_fetched;
};

void TestThumbnailCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_files.clear();
    m_fetched.clear();
}

void TestThumbnailCache::cleanup()
{
    m_dir.reset();
}

QString TestThumbnailCache::writePng(const QString& name, int width, int height)
{
    QImage picture(width, height, QImage::Format_RGB32);
    picture.fill(QColor(0x25, 0xa3, 0x66));
    QPainter(&picture).fillRect(0, 0, width / 2, height / 2, Qt::white);
    const QString path = m_dir->filePath(name + u".png"_s);
    if (!picture.save(path, "PNG")) {
        return {};
    }
    return path;
}

void TestThumbnailCache::serve(ThumbnailCache& cache)
{
    cache.setFetcher([this](qint64 id, QObject* context, Callback<QString> done) {
        m_fetched << id;
        QTimer::singleShot(0, context, [this, id, done = std::move(done)] {
            if (!m_files.contains(id)) {
                done(tl::make_unexpected(Error::validation(u"media"_s, u"The provider no longer has it"_s)));
                return;
            }
            done(m_files.value(id));
        });
    });
}

void TestThumbnailCache::applies_data()
{
    QTest::addColumn<StoredMessage>("message");
    QTest::addColumn<bool>("applies");
    QTest::newRow("inbound image") << image(1) << true;
    QTest::newRow("inbound sticker") << image(1, MessageType::Sticker) << true;
    StoredMessage byUrl = image(1);
    byUrl.mediaId.clear();
    byUrl.mediaUrl = u"https://example.com/1.png"_s;
    QTest::newRow("inbound image by URL") << byUrl << true;
    StoredMessage noMedia = image(1);
    noMedia.mediaId.clear();
    QTest::newRow("no media to fetch") << noMedia << false;
    StoredMessage ours = image(1);
    ours.direction = MessageDirection::Outbound;
    QTest::newRow("our own image") << ours << false;
    QTest::newRow("a video") << image(1, MessageType::Video) << false;
    QTest::newRow("a document") << image(1, MessageType::Document) << false;
}

void TestThumbnailCache::applies()
{
    QFETCH(StoredMessage, message);
    QFETCH(bool, applies);
    QCOMPARE(ThumbnailCache::applies(message), applies);
    ThumbnailCache cache;
    // No thumbnail: it takes no room. One: a placeholder until it is in.
    QCOMPARE(cache.size(message), applies ? QSize(ThumbnailCache::kWidth, 150) : QSize());
}

void TestThumbnailCache::decodeScalesToTheThumbnail_data()
{
    QTest::addColumn<QSize>("file");
    QTest::addColumn<QSize>("thumbnail");
    QTest::newRow("landscape: the thumbnail's width") << QSize(600, 400) << QSize(240, 160);
    QTest::newRow("tall: at most 320 high") << QSize(200, 1000) << QSize(64, 320);
    QTest::newRow("small: never scaled up") << QSize(120, 100) << QSize(120, 100);
    QTest::newRow("tiny: larger than a speck") << QSize(4, 4) << QSize(96, 96);
}

void TestThumbnailCache::decodeScalesToTheThumbnail()
{
    QFETCH(QSize, file);
    QFETCH(QSize, thumbnail);
    const QString path = writePng(u"picture"_s, file.width(), file.height());
    QVERIFY(!path.isEmpty());
    QString error;
    const QImage decoded = ThumbnailCache::decode(path, &error);
    QVERIFY2(!decoded.isNull(), qPrintable(error));
    QCOMPARE(decoded.size(), thumbnail);
}

void TestThumbnailCache::decodeSaysWhyItFailed()
{
    QString error;
    QVERIFY(ThumbnailCache::decode(m_dir->filePath(u"missing.png"_s), &error).isNull());
    QVERIFY(!error.isEmpty());
}

void TestThumbnailCache::fetchedOnceThenCached()
{
    ThumbnailCache cache;
    serve(cache);
    m_files.insert(1, writePng(u"one"_s, 600, 400));
    QSignalSpy changed(&cache, &ThumbnailCache::changed);

    // Asking returns at once: the fetch starts from the event loop.
    QVERIFY(cache.image(1).isNull());
    QVERIFY(m_fetched.isEmpty());
    QVERIFY(cache.image(1).isNull()); // still loading: no second fetch
    QVERIFY(changed.wait(5000));
    QCOMPARE(changed.first().at(0).toLongLong(), 1);
    QCOMPARE(m_fetched, QList<qint64>{1});
    QCOMPARE(cache.image(1).size(), QSize(240, 160));
    QCOMPARE(cache.size(image(1)), QSize(240, 160));
    QVERIFY(cache.error(1).isEmpty());
    QVERIFY(cache.isCached(1));
    QCOMPARE(m_fetched.size(), 1);
}

void TestThumbnailCache::failedFetchIsSaidInWords()
{
    ThumbnailCache cache;
    serve(cache);
    m_files.insert(2, m_dir->filePath(u"not-a-picture.txt"_s));
    QSignalSpy changed(&cache, &ThumbnailCache::changed);
    QVERIFY(cache.image(1).isNull()); // the provider does not have it
    QVERIFY(cache.image(2).isNull()); // fetched, but no picture in it
    QTRY_COMPARE(changed.size(), 2);
    QCOMPARE(cache.error(1), u"The provider no longer has it"_s);
    QVERIFY(!cache.error(2).isEmpty());
    // A failed thumbnail takes no room and is not fetched again.
    QCOMPARE(cache.size(image(1)), QSize());
    QCOMPARE(cache.size(image(2)), QSize());
    QVERIFY(cache.image(1).isNull());
    QVERIFY(cache.image(2).isNull());
    QCOMPARE(m_fetched.size(), 2);
}

void TestThumbnailCache::boundedInBytes()
{
    ThumbnailCache cache;
    QCOMPARE(cache.maxBytes(), ThumbnailCache::kDefaultMaxBytes);
    serve(cache);
    const qint64 oneImage = ThumbnailCache::decode(writePng(u"probe"_s, 600, 400)).sizeInBytes();
    QVERIFY(oneImage > 0);
    cache.setMaxBytes(2 * oneImage + oneImage / 2); // room for two
    QSignalSpy changed(&cache, &ThumbnailCache::changed);
    for (qint64 id = 1; id <= 4; ++id) {
        m_files.insert(id, writePng(u"image-%1"_s.arg(id), 600, 400));
        QVERIFY(cache.image(id).isNull());
        QTRY_COMPARE(changed.size(), int(id));
        QVERIFY(cache.totalBytes() <= cache.maxBytes());
    }
    QCOMPARE(cache.totalBytes(), 2 * oneImage);
    QVERIFY(!cache.isCached(1));
    QVERIFY(cache.isCached(4));
    // An evicted thumbnail keeps its size (the row does not jump) and is read again when asked for.
    QCOMPARE(cache.size(image(1)), QSize(240, 160));
    QVERIFY(cache.image(1).isNull());
    QTRY_VERIFY(cache.isCached(1));
    QCOMPARE(cache.image(1).size(), QSize(240, 160));
    QCOMPARE(m_fetched.count(1), 2);
    QVERIFY(cache.totalBytes() <= cache.maxBytes());
}

QTEST_MAIN(TestThumbnailCache)
#include "TestThumbnailCache.moc"
