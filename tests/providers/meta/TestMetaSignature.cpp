#include "providers/meta/MetaSignature.h"
#include "providers/meta/MetaWire.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace
{

const QByteArray kSecret = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

// Wire reference §9.3, byte for byte.
const QByteArray kM1 =
    R"({"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJFNjk2OTMwNEZCQjhGMzUyQUYA","status":"delivered","timestamp":"1750030080","recipient_id":"16505551234"}]},"field":"messages"}]}]})";
const QByteArray kM1Signature = "sha256=feb9d803d7284161ee903360548533b17d9d9b1629e15a1ba10711c324d69807";

const QByteArray kM2 =
    R"({"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Jos\u00e9"},"wa_id":"5511987654321"}],"messages":[{"from":"5511987654321","id":"wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQ3RjlBQjEyMzQ1Njc4OQA=","timestamp":"1750030100","text":{"body":"Ol\u00e1 \ud83d\udc4b veja https:\/\/x.co\/a"},"type":"text"}]},"field":"messages"}]}]})";
const QByteArray kM2Signature = "sha256=be5d4dc5cad9fad92e13b0e9bf375b6b0fb8adbd059d3683b189ab201666c6d9";
// What a verifier that parses and re-stringifies M2 computes (§9.3): must not be accepted.
const QByteArray kM2Reserialised = "sha256=384cafce5301a2adc06c2b9d65016618beedff968ed1750e00a076a29e2d3c02";

// M2 as a proxy that decoded Meta's escapes would pass it on: real UTF-8 and plain slashes.
QByteArray m2Decoded()
{
    return u"{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"},\"contacts\":[{\"profile\":{\"name\":\"José\"},\"wa_id\":\"5511987654321\"}],\"messages\":[{\"from\":\"5511987654321\",\"id\":\"wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQ3RjlBQjEyMzQ1Njc4OQA=\",\"timestamp\":\"1750030100\",\"text\":{\"body\":\"Olá 👋 veja https://x.co/a\"},\"type\":\"text\"}]},\"field\":\"messages\"}]}]}"_s
        .toUtf8();
}

// M2 with only the \u escapes decoded (what §9.2's fallback is for); "\/" stays as Meta sent it.
QByteArray m2UnicodeDecoded()
{
    return m2Decoded().replace("https://x.co/a", R"(https:\/\/x.co\/a)");
}

} // namespace

class TestMetaSignature : public QObject
{
    Q_OBJECT

private slots:
    void workedExamples_data();
    void workedExamples();
    void verify_data();
    void verify();
    void escapeLikeMetaReproducesM2();
    void escapeLikeMeta_data();
    void escapeLikeMeta();
    void constantTimeEquals_data();
    void constantTimeEquals();
};

void TestMetaSignature::workedExamples_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("bytes");
    QTest::addColumn<QByteArray>("signature");
    QTest::newRow("M1 delivered status") << kM1 << 389 << kM1Signature;
    QTest::newRow("M2 inbound text, escaped") << kM2 << 517 << kM2Signature;
}

void TestMetaSignature::workedExamples()
{
    QFETCH(QByteArray, body);
    QFETCH(int, bytes);
    QFETCH(QByteArray, signature);
    QCOMPARE(body.size(), bytes);
    QCOMPARE(MetaSignature::sign(kSecret, body), signature);
    QVERIFY(MetaSignature::verify(kSecret, body, signature));
}

void TestMetaSignature::verify_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("valid");

    QByteArray altered = kM1;
    altered.replace("delivered", "read\",\"x\":\"");
    QByteArray oneByte = kM2;
    oneByte[oneByte.indexOf("1750030100") + 9] = '1';

    QTest::newRow("M1") << kSecret << kM1 << kM1Signature << true;
    QTest::newRow("upper-case hex is the same signature")
        << kSecret << kM1 << kM1Signature.toUpper().replace("SHA256=", "sha256=") << true;
    QTest::newRow("altered body") << kSecret << altered << kM1Signature << false;
    QTest::newRow("one byte changed") << kSecret << oneByte << kM2Signature << false;
    QTest::newRow("wrong secret") << QByteArray("0000c3d4e5f60718293a4b5c6d7e8f90") << kM1 << kM1Signature << false;
    QTest::newRow("empty secret refuses") << QByteArray() << kM1 << kM1Signature << false;
    QTest::newRow("no sha256= prefix") << kSecret << kM1 << kM1Signature.mid(7) << false;
    QTest::newRow("sha1 header form") << kSecret << kM1 << QByteArray("sha1=") + kM1Signature.mid(7) << false;
    QTest::newRow("empty header") << kSecret << kM1 << QByteArray() << false;
    QTest::newRow("truncated signature") << kSecret << kM1 << kM1Signature.chopped(2) << false;
    QTest::newRow("re-serialised M2 signature") << kSecret << kM2 << kM2Reserialised << false;
    QTest::newRow("M2 with \\u decoded by a proxy (re-escape fallback)")
        << kSecret << m2UnicodeDecoded() << kM2Signature << true;
    QTest::newRow("decoded M2 with a forged signature") << kSecret << m2UnicodeDecoded() << kM1Signature << false;
    QTest::newRow("slashes decoded too: not restored") << kSecret << m2Decoded() << kM2Signature << false;
}

void TestMetaSignature::verify()
{
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, header);
    QFETCH(bool, valid);
    QCOMPARE(MetaSignature::verify(secret, body, header), valid);
}

void TestMetaSignature::escapeLikeMetaReproducesM2()
{
    const QByteArray escaped = MetaWire::escapeLikeMeta(m2Decoded());
    QCOMPARE(escaped, kM2);
    QCOMPARE(MetaSignature::sign(kSecret, escaped), kM2Signature);
}

void TestMetaSignature::escapeLikeMeta_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("ascii unchanged") << u"{\"a\":\"b c\"}"_s << QByteArray(R"({"a":"b c"})");
    QTest::newRow("slash") << u"{\"u\":\"https://x.co/a\"}"_s << QByteArray(R"({"u":"https:\/\/x.co\/a"})");
    QTest::newRow("latin-1 lower-case hex") << u"{\"n\":\"Zoë Ñ\"}"_s << QByteArray(R"({"n":"Zo\u00eb \u00d1"})");
    QTest::newRow("emoji as surrogate pair") << u"{\"e\":\"👍\"}"_s << QByteArray(R"({"e":"\ud83d\udc4d"})");
    QTest::newRow("CJK") << u"{\"t\":\"你好\"}"_s << QByteArray(R"({"t":"\u4f60\u597d"})");
    QTest::newRow("escaped backslash before slash") << u"{\"p\":\"a\\\\/b\"}"_s << QByteArray(R"({"p":"a\\\/b"})");
}

void TestMetaSignature::escapeLikeMeta()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, expected);
    const QByteArray escaped = MetaWire::escapeLikeMeta(input.toUtf8());
    QCOMPARE(escaped, expected);
    // Still the same JSON.
    QCOMPARE(QJsonDocument::fromJson(escaped), QJsonDocument::fromJson(input.toUtf8()));
}

void TestMetaSignature::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("same") << QByteArray("token-123") << QByteArray("token-123") << true;
    QTest::newRow("last byte differs") << QByteArray("token-123") << QByteArray("token-124") << false;
    QTest::newRow("prefix") << QByteArray("token-12") << QByteArray("token-123") << false;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
}

void TestMetaSignature::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(MetaSignature::constantTimeEquals(a, b), equal);
}

QTEST_GUILESS_MAIN(TestMetaSignature)
#include "TestMetaSignature.moc"
