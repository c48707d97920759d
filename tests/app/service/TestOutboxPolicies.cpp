// The outbox's pure parts: the backoff (growth, cap, jitter, Retry-After, Meta's pair rate) and the
// token bucket that paces sends. No sockets, no waiting: time is passed in.
#include "app/service/Backoff.h"
#include "app/service/MediaCache.h"
#include "app/service/RateLimiter.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace
{

Error transient(const QString& code, std::optional<int> retryAfterSeconds = std::nullopt)
{
    Error e;
    e.kind = Error::Kind::RateLimited;
    e.code = code;
    e.retryable = true;
    if (retryAfterSeconds) {
        e.retryAfter = std::chrono::seconds(*retryAfterSeconds);
    }
    return e;
}

} // namespace

class TestOutboxPolicies : public QObject
{
    Q_OBJECT

private slots:
    void backoffGrowsUpToTheCap();
    void backoffJitterStaysInItsBand();
    void backoffHonoursRetryAfter_data();
    void backoffHonoursRetryAfter();
    void backoffGivesUpAfterMaxAttempts();
    void bucketPacesAtTheRate();
    void bucketAllowsASmallBurst();
    void unlimitedBucketNeverWaits();
    void mediaExtensions_data();
    void mediaExtensions();
    void mediaCacheFindsAndStores();
};

void TestOutboxPolicies::backoffGrowsUpToTheCap()
{
    Backoff backoff(BackoffPolicy{100, 1000, 0.0, 10, 6000}, 1);
    const Error e = transient(u"http_500"_s);
    QCOMPARE(backoff.delayMs(1, e), 100);
    QCOMPARE(backoff.delayMs(2, e), 200);
    QCOMPARE(backoff.delayMs(3, e), 400);
    QCOMPARE(backoff.delayMs(4, e), 800);
    QCOMPARE(backoff.delayMs(5, e), 1000);
    QCOMPARE(backoff.delayMs(40, e), 1000);
}

void TestOutboxPolicies::backoffJitterStaysInItsBand()
{
    Backoff backoff(BackoffPolicy{1000, 60000, 0.5, 10, 6000}, 42);
    const Error e = transient(u"http_503"_s);
    QSet<qint64> seen;
    for (int i = 0; i < 200; ++i) {
        const qint64 d = backoff.delayMs(3, e); // 4000 ms before jitter
        QVERIFY2(d >= 2000 && d <= 4000, qPrintable(QString::number(d)));
        seen.insert(d);
    }
    QVERIFY(seen.size() > 50); // spread, not one value
}

void TestOutboxPolicies::backoffHonoursRetryAfter_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("retryAfter"); // -1: none
    QTest::addColumn<qint64>("atLeast");

    QTest::newRow("Retry-After 5 s") << u"130429"_s << 5 << qint64(5000);
    QTest::newRow("Retry-After 0 s: backoff applies") << u"130429"_s << 0 << qint64(50);
    QTest::newRow("Meta pair rate without Retry-After: 6 s") << u"131056"_s << -1 << qint64(6000);
    QTest::newRow("Meta pair rate with a shorter Retry-After: still 6 s") << u"131056"_s << 2 << qint64(6000);
    QTest::newRow("Meta pair rate with a longer Retry-After") << u"131056"_s << 9 << qint64(9000);
}

void TestOutboxPolicies::backoffHonoursRetryAfter()
{
    QFETCH(QString, code);
    QFETCH(int, retryAfter);
    QFETCH(qint64, atLeast);
    Backoff backoff(BackoffPolicy{100, 1000, 0.5, 10, 6000}, 3);
    const Error e = transient(code, retryAfter >= 0 ? std::optional<int>(retryAfter) : std::nullopt);
    for (int attempt = 1; attempt <= 5; ++attempt) {
        const qint64 d = backoff.delayMs(attempt, e);
        QVERIFY2(d >= atLeast, qPrintable(QStringLiteral("attempt %1: %2 ms").arg(attempt).arg(d)));
        QVERIFY2(d <= std::max<qint64>(atLeast * 11 / 10 + 1, 1000), qPrintable(QString::number(d)));
    }
}

void TestOutboxPolicies::backoffGivesUpAfterMaxAttempts()
{
    Backoff backoff(BackoffPolicy{100, 1000, 0.5, 3, 6000});
    QVERIFY(backoff.mayRetry(1));
    QVERIFY(backoff.mayRetry(2));
    QVERIFY(!backoff.mayRetry(3));
}

void TestOutboxPolicies::bucketPacesAtTheRate()
{
    RateLimiter bucket(20, 1); // one every 50 ms
    qint64 now = 1000;
    int sent = 0;
    while (now < 2000) {
        if (bucket.tryAcquire(now)) {
            ++sent;
        } else {
            QVERIFY(bucket.msUntilAvailable(now) > 0);
        }
        now += 1;
    }
    QCOMPARE(sent, 20); // one at once, then one per 50 ms for a second
    QCOMPARE(bucket.msUntilAvailable(now), 0);
}

void TestOutboxPolicies::bucketAllowsASmallBurst()
{
    RateLimiter bucket(1000); // burst of 50 ms worth
    int burst = 0;
    while (bucket.tryAcquire(0)) {
        ++burst;
    }
    QCOMPARE(burst, 50);
    QCOMPARE(bucket.msUntilAvailable(0), 1);
    QVERIFY(bucket.tryAcquire(1));
}

void TestOutboxPolicies::unlimitedBucketNeverWaits()
{
    RateLimiter bucket(0);
    QVERIFY(bucket.isUnlimited());
    for (int i = 0; i < 10000; ++i) {
        QVERIFY(bucket.tryAcquire(0));
    }
    QCOMPARE(bucket.msUntilAvailable(0), 0);
}

void TestOutboxPolicies::mediaExtensions_data()
{
    QTest::addColumn<QString>("mime");
    QTest::addColumn<QString>("extension");
    QTest::newRow("jpeg") << u"image/jpeg"_s << u"jpg"_s;
    QTest::newRow("png") << u"image/png"_s << u"png"_s;
    QTest::newRow("voice note") << u"audio/ogg; codecs=opus"_s << u"ogg"_s;
    QTest::newRow("pdf") << u"application/pdf"_s << u"pdf"_s;
    QTest::newRow("unknown") << u"application/x-made-up"_s << u"bin"_s;
    QTest::newRow("empty") << QString() << u"bin"_s;
}

void TestOutboxPolicies::mediaExtensions()
{
    QFETCH(QString, mime);
    QFETCH(QString, extension);
    QCOMPARE(MediaCache::extensionFor(mime), extension);
}

void TestOutboxPolicies::mediaCacheFindsAndStores()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MediaCache cache(dir.filePath(u"nested/media"_s));
    QVERIFY(cache.find(7).isEmpty());
    const Result<QString> path = cache.store(7, u"image/png"_s, "png-bytes");
    QVERIFY(path);
    QVERIFY(path->endsWith(u"/nested/media/7.png"_s));
    QCOMPARE(cache.find(7), *path);
    QVERIFY(cache.find(70).isEmpty());
}

QTEST_GUILESS_MAIN(TestOutboxPolicies)
#include "TestOutboxPolicies.moc"
