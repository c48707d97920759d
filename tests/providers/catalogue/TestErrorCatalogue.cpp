#include "providers/ErrorCatalogue.h"

#include <QCoreApplication>
#include <QSet>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using Kind = Error::Kind;

// The codes the wire reference lists: Twilio §1.7 and §2 (plus 11750 and 12300 from §3.3 and 21603
// from §13.2), Meta §7.7 and §8.4. Copied here on purpose: the docs live outside the repository and
// tests must not read them.
static const char* const kTwilioCodes[] = {
    "11200", "11205", "11750", "12300", "21603", "20003", "20404", "20429", "21211", "21408", "21602",
    "21606", "21608", "21610", "21614", "21617", "21619", "21620", "21655", "21656", "30001", "30002",
    "30003", "30004", "30005", "30006", "30007", "30008", "30036", "63001", "63003", "63005", "63007",
    "63009", "63012", "63013", "63015", "63016", "63018", "63019", "63021", "63024", "63027", "63028",
    "63030", "63031", "63032", "63038", "63040", "63041", "63042", "63049", "63051",
};
static const char* const kMetaCodes[] = {
    "0",      "1",      "2",      "3",      "4",      "10",     "33",     "100",    "190",    "200",
    "250",    "299",    "368",    "80007",  "130429", "130472", "131000", "131005", "131008", "131009",
    "131016", "131021", "131026", "131030", "131031", "131042", "131045", "131047", "131048", "131049",
    "131050", "131051", "131052", "131053", "131056", "131057", "132000", "132001", "132005", "132007",
    "132012", "132015", "132016", "132068", "132069", "133000", "133004", "133010", "133016", "135000",
};

// Answers every ErrorCatalogue lookup with a marker, to prove strings are translated at lookup.
class MarkerTranslator : public QTranslator
{
public:
    QString translate(const char* context, const char* sourceText, const char*, int) const override
    {
        if (qstrcmp(context, "ErrorCatalogue") == 0) {
            return u"[xx] "_s + QString::fromUtf8(sourceText);
        }
        return {};
    }
    bool isEmpty() const override
    {
        return false;
    }
};

class TestErrorCatalogue : public QObject
{
    Q_OBJECT

private slots:
    void documentedCodeIsKnown_data();
    void documentedCodeIsKnown();
    void entryIsComplete_data();
    void entryIsComplete();
    void entriesAreUnique();
    void notFound_data();
    void notFound();
    void classify_data();
    void classify();
    void describeUnknownKeepsProviderMessage_data();
    void describeUnknownKeepsProviderMessage();
    void describeKnownUsesCatalogue();
    void stringsAreTranslatedAtLookup();
};

void TestErrorCatalogue::documentedCodeIsKnown_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("code");
    for (const char* code : kTwilioCodes) {
        QTest::addRow("twilio %s", code) << u"twilio"_s << QString::fromLatin1(code);
    }
    for (const char* code : kMetaCodes) {
        QTest::addRow("meta %s", code) << u"meta"_s << QString::fromLatin1(code);
    }
}

void TestErrorCatalogue::documentedCodeIsKnown()
{
    QFETCH(QString, provider);
    QFETCH(QString, code);
    const std::optional<ErrorAdvice> entry = ErrorCatalogue::find(provider, code);
    QVERIFY(entry.has_value());
    QCOMPARE(entry->provider, provider);
    QCOMPARE(entry->code, code);
    QVERIFY(!entry->title.isEmpty());
    QVERIFY(!entry->meaning.isEmpty());
    QVERIFY(!entry->advice.isEmpty());
}

void TestErrorCatalogue::entryIsComplete_data()
{
    QTest::addColumn<ErrorAdvice>("entry");
    const QList<ErrorAdvice> entries = ErrorCatalogue::all();
    for (const ErrorAdvice& entry : entries) {
        QTest::addRow("%s %s", qPrintable(entry.provider), qPrintable(entry.code)) << entry;
    }
}

void TestErrorCatalogue::entryIsComplete()
{
    QFETCH(ErrorAdvice, entry);
    QVERIFY(entry.provider == u"twilio"_s || entry.provider == u"meta"_s);
    QVERIFY(!entry.code.isEmpty());
    QVERIFY(!entry.title.isEmpty());
    QVERIFY(!entry.meaning.isEmpty());
    QVERIFY(!entry.advice.isEmpty());
    // Titles are short; the detail belongs in meaning and advice.
    QVERIFY2(entry.title.size() <= 60, qPrintable(entry.title));
    // Only the transient classes of §12.3 may retry; a rate limit always does.
    if (entry.retryable) {
        QVERIFY(entry.kind == Kind::RateLimited || entry.kind == Kind::ServerError);
    }
    if (entry.kind == Kind::RateLimited || entry.kind == Kind::ServerError) {
        QVERIFY(entry.retryable);
    }
}

void TestErrorCatalogue::entriesAreUnique()
{
    const QList<ErrorAdvice> entries = ErrorCatalogue::all();
    QSet<QString> seen;
    for (const ErrorAdvice& entry : entries) {
        const QString key = entry.provider + u'/' + entry.code;
        QVERIFY2(!seen.contains(key), qPrintable(key));
        seen.insert(key);
    }
    // Meta's 200, 250 and 299 share one row; every other documented code has its own.
    const auto documentedRows = qsizetype(std::size(kTwilioCodes) + std::size(kMetaCodes) - 2);
    QCOMPARE(seen.size(), documentedRows);
}

void TestErrorCatalogue::notFound_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("code");
    QTest::newRow("twilio code asked of meta") << u"meta"_s << u"63016"_s;
    QTest::newRow("meta code asked of twilio") << u"twilio"_s << u"131047"_s;
    QTest::newRow("meta code just past the 200-299 range") << u"meta"_s << u"300"_s;
    QTest::newRow("undocumented meta code") << u"meta"_s << u"999999"_s;
    QTest::newRow("empty code") << u"twilio"_s << QString();
    QTest::newRow("our own code") << u"twilio"_s << u"config.missing"_s;
    QTest::newRow("unknown provider") << u"emulator"_s << u"63016"_s;
}

void TestErrorCatalogue::notFound()
{
    QFETCH(QString, provider);
    QFETCH(QString, code);
    QVERIFY(!ErrorCatalogue::find(provider, code).has_value());
}

void TestErrorCatalogue::classify_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<Kind>("kindBefore");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("retryAfterBefore"); // seconds; -1: none
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<bool>("retryable");
    QTest::addColumn<int>("retryAfter"); // seconds; -1: none

    const Kind P = Kind::Permanent;
    // Rate limits retry and keep the provider's Retry-After.
    QTest::newRow("http 429 without code")
        << u"twilio"_s << QString() << 429 << P << QString() << 7 << Kind::RateLimited << true << 7;
    QTest::newRow("twilio 20429") << u"twilio"_s << u"20429"_s << 429 << P << QString() << 3 << Kind::RateLimited
                                  << true << 3;
    QTest::newRow("twilio 63018 async") << u"twilio"_s << u"63018"_s << 0 << P << QString() << -1 << Kind::RateLimited
                                        << true << -1;
    QTest::newRow("meta 130429 as 400") << u"meta"_s << u"130429"_s << 400 << P << QString() << -1 << Kind::RateLimited
                                        << true << -1;
    QTest::newRow("meta 130429 as 429") << u"meta"_s << u"130429"_s << 429 << P << QString() << 12 << Kind::RateLimited
                                        << true << 12;
    QTest::newRow("meta 80007") << u"meta"_s << u"80007"_s << 400 << P << QString() << 30 << Kind::RateLimited << true
                                << 30;
    QTest::newRow("meta 131056 waits at least 6 s")
        << u"meta"_s << u"131056"_s << 400 << P << QString() << -1 << Kind::RateLimited << true << 6;
    QTest::newRow("meta 131056 keeps a longer retry-after")
        << u"meta"_s << u"131056"_s << 429 << P << QString() << 20 << Kind::RateLimited << true << 20;
    QTest::newRow("meta 131056 raises a shorter retry-after")
        << u"meta"_s << u"131056"_s << 429 << P << QString() << 2 << Kind::RateLimited << true << 6;
    // The 24-hour window needs a template, not a retry.
    QTest::newRow("twilio 63016 async") << u"twilio"_s << u"63016"_s << 0 << P << QString() << -1 << Kind::OutsideWindow
                                        << false << -1;
    QTest::newRow("twilio 63016 sync") << u"twilio"_s << u"63016"_s << 400 << P << QString() << -1
                                       << Kind::OutsideWindow << false << -1;
    QTest::newRow("meta 131047") << u"meta"_s << u"131047"_s << 400 << P << QString() << -1 << Kind::OutsideWindow
                                 << false << -1;
    // Credentials.
    QTest::newRow("twilio 20003") << u"twilio"_s << u"20003"_s << 401 << P << QString() << -1 << Kind::Authentication
                                  << false << -1;
    QTest::newRow("meta 190") << u"meta"_s << u"190"_s << 401 << P << QString() << -1 << Kind::Authentication << false
                              << -1;
    QTest::newRow("meta 190 on a 400") << u"meta"_s << u"190"_s << 400 << P << QString() << -1 << Kind::Authentication
                                       << false << -1;
    // Recipients.
    QTest::newRow("twilio 21211") << u"twilio"_s << u"21211"_s << 400 << P << QString() << -1 << Kind::InvalidRecipient
                                  << false << -1;
    QTest::newRow("meta 131026") << u"meta"_s << u"131026"_s << 400 << P << QString() << -1 << Kind::InvalidRecipient
                                 << false << -1;
    QTest::newRow("meta 100 on to is a recipient error")
        << u"meta"_s << u"100"_s << 400 << P << u"to"_s << -1 << Kind::InvalidRecipient << false << -1;
    QTest::newRow("meta 100 elsewhere stays permanent")
        << u"meta"_s << u"100"_s << 400 << P << u"type"_s << -1 << Kind::Permanent << false << -1;
    // Templates.
    QTest::newRow("meta 132000") << u"meta"_s << u"132000"_s << 400 << P << QString() << -1 << Kind::TemplateMismatch
                                 << false << -1;
    QTest::newRow("meta 132001 on a 404")
        << u"meta"_s << u"132001"_s << 404 << P << QString() << -1 << Kind::TemplateMismatch << false << -1;
    QTest::newRow("twilio 21655") << u"twilio"_s << u"21655"_s << 400 << P << QString() << -1 << Kind::TemplateMismatch
                                  << false << -1;
    // Configuration pauses the outbox.
    QTest::newRow("meta 250 in the permission range")
        << u"meta"_s << u"250"_s << 403 << P << QString() << -1 << Kind::Configuration << false << -1;
    QTest::newRow("twilio 63051") << u"twilio"_s << u"63051"_s << 0 << P << QString() << -1 << Kind::Configuration
                                  << false << -1;
    // A known code decides over the HTTP status.
    QTest::newRow("meta 3 on a 500 is not a server error")
        << u"meta"_s << u"3"_s << 500 << P << QString() << -1 << Kind::Configuration << false << -1;
    QTest::newRow("meta 131000 server error")
        << u"meta"_s << u"131000"_s << 500 << P << QString() << -1 << Kind::ServerError << true << -1;
    QTest::newRow("twilio 30001 queue overflow")
        << u"twilio"_s << u"30001"_s << 0 << P << QString() << -1 << Kind::RateLimited << true << -1;
    // Unknown codes fall back on the HTTP status.
    QTest::newRow("http 500 without code")
        << u"twilio"_s << QString() << 500 << P << QString() << -1 << Kind::ServerError << true << -1;
    QTest::newRow("http 503 unknown meta code")
        << u"meta"_s << u"777777"_s << 503 << P << QString() << -1 << Kind::ServerError << true << -1;
    QTest::newRow("http 401 unknown code")
        << u"meta"_s << u"777777"_s << 401 << P << QString() << -1 << Kind::Authentication << false << -1;
    QTest::newRow("http 400 unknown code")
        << u"twilio"_s << u"21999"_s << 400 << Kind::ServerError << QString() << -1 << Kind::Permanent << false << -1;
    QTest::newRow("http 403 unknown code")
        << u"meta"_s << u"777777"_s << 403 << P << QString() << -1 << Kind::Permanent << false << -1;
    QTest::newRow("http 429 unknown meta code")
        << u"meta"_s << u"777777"_s << 429 << P << QString() << 9 << Kind::RateLimited << true << 9;
    // Transport failures stay what they are and retry.
    QTest::newRow("timeout stays timeout")
        << u"twilio"_s << QString() << 0 << Kind::Timeout << QString() << -1 << Kind::Timeout << true << -1;
    QTest::newRow("network stays network")
        << u"meta"_s << QString() << 0 << Kind::Network << QString() << -1 << Kind::Network << true << -1;
    QTest::newRow("our validation error untouched")
        << u"meta"_s << u"invalid_to"_s << 0 << Kind::Validation << u"to"_s << -1 << Kind::Validation << false << -1;
}

void TestErrorCatalogue::classify()
{
    QFETCH(QString, provider);
    QFETCH(QString, code);
    QFETCH(int, httpStatus);
    QFETCH(Kind, kindBefore);
    QFETCH(QString, field);
    QFETCH(int, retryAfterBefore);
    QFETCH(Kind, kind);
    QFETCH(bool, retryable);
    QFETCH(int, retryAfter);

    Error in;
    in.kind = kindBefore;
    in.code = code;
    in.field = field;
    in.message = u"provider words"_s;
    in.httpStatus = httpStatus;
    in.retryable = !retryable; // must be overwritten
    if (retryAfterBefore >= 0) {
        in.retryAfter = std::chrono::seconds(retryAfterBefore);
    }
    const Error out = ErrorCatalogue::classify(provider, in);
    QCOMPARE(out.kind, kind);
    QCOMPARE(out.retryable, retryable);
    QCOMPARE(out.retryAfter.has_value(), retryAfter >= 0);
    if (retryAfter >= 0) {
        QCOMPARE(out.retryAfter->count(), retryAfter);
    }
    QCOMPARE(out.code, code);
    QCOMPARE(out.message, u"provider words"_s);
    QCOMPARE(out.httpStatus, httpStatus);
}

void TestErrorCatalogue::describeUnknownKeepsProviderMessage_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("message");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<bool>("retryable");
    QTest::newRow("unknown twilio 4xx code")
        << u"twilio"_s << u"21999"_s << 400 << u"Something new from Twilio"_s << Kind::Permanent << false;
    QTest::newRow("unknown meta 4xx code")
        << u"meta"_s << u"138888"_s << 400 << u"(#138888) Brand new refusal"_s << Kind::Permanent << false;
    QTest::newRow("unknown meta code on a 500")
        << u"meta"_s << u"138889"_s << 500 << u"(#138889) Oops"_s << Kind::ServerError << true;
}

void TestErrorCatalogue::describeUnknownKeepsProviderMessage()
{
    QFETCH(QString, provider);
    QFETCH(QString, code);
    QFETCH(int, httpStatus);
    QFETCH(QString, message);
    QFETCH(Kind, kind);
    QFETCH(bool, retryable);

    Error error;
    error.code = code;
    error.httpStatus = httpStatus;
    error.message = message;
    const ErrorAdvice advice = ErrorCatalogue::describe(provider, error);
    QCOMPARE(advice.title, u"The provider refused the message"_s);
    QCOMPARE(advice.meaning, message);
    QCOMPARE(advice.provider, provider);
    QCOMPARE(advice.code, code);
    QCOMPARE(advice.kind, kind);
    QCOMPARE(advice.retryable, retryable);
    QVERIFY(!advice.advice.isEmpty());
}

void TestErrorCatalogue::describeKnownUsesCatalogue()
{
    Error error;
    error.code = u"131047"_s;
    error.httpStatus = 400;
    error.message = u"(#131047) Re-engagement message"_s;
    const ErrorAdvice advice = ErrorCatalogue::describe(u"meta"_s, error);
    QCOMPARE(advice.title, u"Outside the 24-hour window"_s);
    QCOMPARE(advice.advice, u"More than 24 hours since the customer last wrote: send an approved template instead."_s);
    QCOMPARE(advice.kind, Kind::OutsideWindow);
    QVERIFY(!advice.retryable);
}

void TestErrorCatalogue::stringsAreTranslatedAtLookup()
{
    MarkerTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const std::optional<ErrorAdvice> entry = ErrorCatalogue::find(u"twilio"_s, u"63016"_s);
    Error unknown;
    unknown.code = u"21999"_s;
    unknown.message = u"Provider words stay as they are"_s;
    const ErrorAdvice generic = ErrorCatalogue::describe(u"twilio"_s, unknown);
    QCoreApplication::removeTranslator(&translator);

    QVERIFY(entry.has_value());
    QCOMPARE(entry->title, u"[xx] Outside the 24-hour window"_s);
    QVERIFY(entry->meaning.startsWith(u"[xx] "_s));
    QVERIFY(entry->advice.startsWith(u"[xx] "_s));
    QCOMPARE(generic.title, u"[xx] The provider refused the message"_s);
    QCOMPARE(generic.meaning, u"Provider words stay as they are"_s);
    // Without the translator the source text comes back.
    QCOMPARE(ErrorCatalogue::find(u"twilio"_s, u"63016"_s)->title, u"Outside the 24-hour window"_s);
}

QTEST_GUILESS_MAIN(TestErrorCatalogue)
#include "TestErrorCatalogue.moc"
