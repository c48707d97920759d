#include "providers/twilio/TwilioSignature.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace
{

const QString kT1Token = u"12345678901234567890123456789012"_s;
const QString kT1Url = u"https://flowchat.example.com/api/whatsapp/webhook?provider=twilio"_s;
const QString kT2Token = u"f00dfacef00dfacef00dfacef00dface"_s;
const QString kT2Url = u"https://flowchat.example.com/api/whatsapp/webhook"_s;

// The delivered callback of wire reference §2.3 / §4.2, in a shuffled order: signing sorts.
Form::Fields t1Params()
{
    return {
        {u"To"_s, u"whatsapp:+14155550100"_s},
        {u"AccountSid"_s, u"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_s},
        {u"SmsStatus"_s, u"delivered"_s},
        {u"ApiVersion"_s, u"2010-04-01"_s},
        {u"ChannelInstallSid"_s, u"XEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_s},
        {u"ChannelPrefix"_s, u"whatsapp"_s},
        {u"ChannelToAddress"_s, u"+14155550100"_s},
        {u"EventType"_s, u"DELIVERED"_s},
        {u"From"_s, u"whatsapp:+14155238886"_s},
        {u"MessageSid"_s, u"SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"_s},
        {u"MessageStatus"_s, u"delivered"_s},
        {u"SmsSid"_s, u"SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"_s},
    };
}

// §4.3's form body exactly as sent ('+' for spaces, UTF-8 percent-encoded).
const QByteArray kT2Body =
    "AccountSid=ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&ApiVersion=2010-04-01&Body=Ol%C3%A1+%F0%9F%91%8B+preciso+de+ajuda"
    "&From=whatsapp%3A%2B5511987654321&MessageSid=SMcccccccccccccccccccccccccccccccc&MessageType=text&NumMedia=0"
    "&NumSegments=1&ProfileName=Jos%C3%A9&SmsMessageSid=SMcccccccccccccccccccccccccccccccc"
    "&SmsSid=SMcccccccccccccccccccccccccccccccc&SmsStatus=received&To=whatsapp%3A%2B14155238886&WaId=5511987654321";

Form::Fields withValue(Form::Fields fields, const QString& key, const QString& value)
{
    for (auto& [k, v] : fields) {
        if (k == key) {
            v = value;
        }
    }
    return fields;
}

} // namespace

class TestTwilioSignature : public QObject
{
    Q_OBJECT

private slots:
    void t1StringToSign();
    void sign_data();
    void sign();
    void verify_data();
    void verify();
    void constantTimeEquals_data();
    void constantTimeEquals();
};

void TestTwilioSignature::t1StringToSign()
{
    QCOMPARE(
        TwilioSignature::stringToSign(kT1Url, t1Params()),
        "https://flowchat.example.com/api/whatsapp/webhook?provider=twilioAccountSidACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        "ApiVersion2010-04-01ChannelInstallSidXEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaChannelPrefixwhatsapp"
        "ChannelToAddress+14155550100EventTypeDELIVEREDFromwhatsapp:+14155238886"
        "MessageSidSMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbMessageStatusdeliveredSmsSidSMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
        "SmsStatusdeliveredTowhatsapp:+14155550100"_ba);
}

void TestTwilioSignature::sign_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("url");
    QTest::addColumn<Form::Fields>("params");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("T1 status callback") << kT1Token << kT1Url << t1Params() << "gK+S8BQNdP83stOxrrDJKMgnZDM="_ba;
    QTest::newRow("T1 signed with :443") << kT1Token
                                         << u"https://flowchat.example.com:443/api/whatsapp/webhook?provider=twilio"_s
                                         << t1Params() << "iUCiUBXnF5Loc5GXLI2mV2/FElk="_ba;
    QTest::newRow("T2 non-ASCII decoded from the wire body")
        << kT2Token << kT2Url << Form::decode(kT2Body) << "1vy12jDain4s789iLEo/4GJIlYQ="_ba;
    QTest::newRow("repeated MediaUrl: values sorted") << kT1Token << kT2Url
                                                      << Form::Fields{{u"To"_s, u"whatsapp:+14155550100"_s},
                                                                      {u"MediaUrl"_s, u"https://b.example/2.jpg"_s},
                                                                      {u"MediaUrl"_s, u"https://a.example/1.jpg"_s}}
                                                      << "QHl4dJxiWxqGdVuml32kpFhNyg0="_ba;
    QTest::newRow("repeated value counted once") << kT1Token << kT2Url
                                                 << Form::Fields{{u"MediaUrl"_s, u"https://a.example/1.jpg"_s},
                                                                 {u"To"_s, u"whatsapp:+14155550100"_s},
                                                                 {u"MediaUrl"_s, u"https://b.example/2.jpg"_s},
                                                                 {u"MediaUrl"_s, u"https://a.example/1.jpg"_s}}
                                                 << "QHl4dJxiWxqGdVuml32kpFhNyg0="_ba;
}

void TestTwilioSignature::sign()
{
    QFETCH(QString, token);
    QFETCH(QString, url);
    QFETCH(Form::Fields, params);
    QFETCH(QByteArray, expected);
    QCOMPARE(TwilioSignature::sign(token, url, params), expected);
}

void TestTwilioSignature::verify_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<Form::Fields>("params");
    QTest::addColumn<QByteArray>("signature");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("valid");

    const QUrl t1(kT1Url);
    const QUrl t1WithPort(u"https://flowchat.example.com:443/api/whatsapp/webhook?provider=twilio"_s);
    const QByteArray t1Sig = "gK+S8BQNdP83stOxrrDJKMgnZDM=";
    const QByteArray t1PortSig = "iUCiUBXnF5Loc5GXLI2mV2/FElk=";

    QTest::newRow("T1 as signed") << kT1Token << t1 << t1Params() << t1Sig << QByteArray() << true;
    QTest::newRow("T1 signature, URL configured with :443")
        << kT1Token << t1WithPort << t1Params() << t1Sig << QByteArray() << true;
    QTest::newRow("Twilio signed the :443 form") << kT1Token << t1 << t1Params() << t1PortSig << QByteArray() << true;
    QTest::newRow("T1 header with trailing space")
        << kT1Token << t1 << t1Params() << t1Sig + ' ' << QByteArray() << true;
    QTest::newRow("T2") << kT2Token << QUrl(kT2Url) << Form::decode(kT2Body) << "1vy12jDain4s789iLEo/4GJIlYQ="_ba
                        << QByteArray() << true;
    QTest::newRow("JSON body with bodySHA256")
        << kT1Token
        << QUrl(
               u"https://flowchat.example.com/api/whatsapp/webhook?bodySHA256=c397d8ad070705c0908e193840c5d028f6b00e24cc0e16123b6c47f844d79fd2"_s)
        << Form::Fields() << "hslmstkJH3HSKIyje9reWVnuxPA="_ba
        << R"({"MessageSid":"SMdddddddddddddddddddddddddddddddd","MessageStatus":"read"})"_ba << true;

    QTest::newRow("tampered status") << kT1Token << t1 << withValue(t1Params(), u"MessageStatus"_s, u"read"_s) << t1Sig
                                     << QByteArray() << false;
    QTest::newRow("extra parameter") << kT1Token << t1 << t1Params() + Form::Fields{{u"ErrorCode"_s, u"30008"_s}}
                                     << t1Sig << QByteArray() << false;
    QTest::newRow("dropped parameter") << kT1Token << t1 << t1Params().mid(1) << t1Sig << QByteArray() << false;
    QTest::newRow("empty value dropped") << kT2Token << QUrl(kT2Url)
                                         << withValue(Form::decode(kT2Body), u"Body"_s, QString())
                                         << "1vy12jDain4s789iLEo/4GJIlYQ="_ba << QByteArray() << false;
    QTest::newRow("other query") << kT1Token
                                 << QUrl(u"https://flowchat.example.com/api/whatsapp/webhook?provider=meta"_s)
                                 << t1Params() << t1Sig << QByteArray() << false;
    QTest::newRow("http instead of https")
        << kT1Token << QUrl(u"http://flowchat.example.com/api/whatsapp/webhook?provider=twilio"_s) << t1Params()
        << t1Sig << QByteArray() << false;
    QTest::newRow("wrong token") << kT2Token << t1 << t1Params() << t1Sig << QByteArray() << false;
    QTest::newRow("empty token") << QString() << t1 << t1Params() << t1Sig << QByteArray() << false;
    QTest::newRow("missing signature") << kT1Token << t1 << t1Params() << QByteArray() << QByteArray() << false;
    QTest::newRow("truncated signature") << kT1Token << t1 << t1Params() << t1Sig.left(27) << QByteArray() << false;
    QTest::newRow("signature of another case")
        << kT1Token << t1 << t1Params() << "gk+S8BQNdP83stOxrrDJKMgnZDM="_ba << QByteArray() << false;
    QTest::newRow("JSON body changed")
        << kT1Token
        << QUrl(
               u"https://flowchat.example.com/api/whatsapp/webhook?bodySHA256=c397d8ad070705c0908e193840c5d028f6b00e24cc0e16123b6c47f844d79fd2"_s)
        << Form::Fields() << "hslmstkJH3HSKIyje9reWVnuxPA="_ba
        << R"({"MessageSid":"SMdddddddddddddddddddddddddddddddd","MessageStatus":"failed"})"_ba << false;
}

void TestTwilioSignature::verify()
{
    QFETCH(QString, token);
    QFETCH(QUrl, url);
    QFETCH(Form::Fields, params);
    QFETCH(QByteArray, signature);
    QFETCH(QByteArray, body);
    QFETCH(bool, valid);
    QCOMPARE(TwilioSignature::verify(token, url, params, signature, body), valid);
}

void TestTwilioSignature::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("same") << "abc="_ba
                          << "abc="_ba << true;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("last byte differs") << "abc="_ba
                                       << "abd="_ba << false;
    QTest::newRow("first byte differs") << "xbc="_ba
                                        << "abc="_ba << false;
    QTest::newRow("prefix") << "abc"_ba
                            << "abc="_ba << false;
}

void TestTwilioSignature::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(TwilioSignature::constantTimeEquals(a, b), equal);
}

QTEST_GUILESS_MAIN(TestTwilioSignature)
#include "TestTwilioSignature.moc"
