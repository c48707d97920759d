// ProviderTraffic: what the request inspector keeps of each provider exchange. The masking rules
// on their own, then real providers against their emulators over loopback: the exchange is
// recorded with the provider's answer, and no credential survives anywhere in it.
#include "providers/NetworkPool.h"
#include "providers/ProviderTraffic.h"
#include "providers/emulator/MetaEmulator.h"
#include "providers/emulator/TwilioEmulator.h"
#include "providers/meta/MetaCloudProvider.h"
#include "providers/twilio/TwilioProvider.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace
{

const QString kMetaToken = u"EAAG-meta-access-token-7f3a9c"_s;
const QString kPhoneNumberId = u"106540352242922"_s;
const QString kAccountSid = u"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_s;
const QString kAuthToken = u"emu_auth_token_0123456789abcdef"_s;

// Every byte the inspector could show of an exchange.
QByteArray everything(const ProviderExchange& exchange)
{
    QByteArray all = exchange.method + ' ' + exchange.url.toString(QUrl::PrettyDecoded).toUtf8() + '\n';
    for (const auto& [name, value] : exchange.requestHeaders + exchange.responseHeaders) {
        all += name + ": " + value + '\n';
    }
    return all + exchange.requestBody + '\n' + exchange.responseBody + '\n' + exchange.networkError.toUtf8();
}

template <typename T>
std::optional<Result<T>> wait(std::function<void(Callback<T>)> call)
{
    std::optional<Result<T>> out;
    call([&out](Result<T> result) { out = std::move(result); });
    static_cast<void>(QTest::qWaitFor([&out] { return out.has_value(); }, 10000)); // the caller checks out
    return out;
}

// The Meta emulator's options every rig starts from: the token and phone number MetaRig sends with.
EmulatorOptions metaOptions()
{
    EmulatorOptions options;
    options.accessToken = kMetaToken;
    options.phoneNumberId = kPhoneNumberId;
    return options;
}

// A MetaCloudProvider talking to an in-process Meta emulator, recording into `traffic`.
struct MetaRig
{
    explicit MetaRig(const EmulatorOptions& options, int templatePageSize = 0)
        : emulator(options)
    {
        listening = emulator.listen() != 0;
        network.setTraffic(&traffic);
        // What the console's request inspector does; an unwatched traffic records nothing.
        QObject::connect(&traffic, &ProviderTraffic::recorded, &traffic, [] {});
        MetaConfig config;
        QUrl api = emulator.baseUrl();
        api.setPath(u"/v23.0"_s);
        config.apiUrl = api;
        config.accessToken = kMetaToken;
        config.phoneNumberId = kPhoneNumberId;
        config.businessAccountId = options.wabaId;
        if (templatePageSize > 0) {
            config.templatePageSize = templatePageSize;
        }
        provider = std::make_unique<MetaCloudProvider>(config, &network);
    }

    // A text to the test customer through the provider, once it answered (or after 10 s).
    std::optional<Result<SendAccepted>> sendText(const QString& body)
    {
        OutgoingMessage message;
        message.to = u"+14155550100"_s;
        message.body = body;
        return wait<SendAccepted>([&](auto done) { provider->send(message, &context, done); });
    }

    QObject context;
    MetaEmulator emulator;
    ProviderTraffic traffic;
    NetworkPool network;
    std::unique_ptr<MetaCloudProvider> provider;
    bool listening = false;
};

} // namespace

class TestProviderTraffic : public QObject
{
    Q_OBJECT

private slots:
    void masksHeaders();
    void masksUrlsAndBodies();
    void keepsTheLastExchangesOnly();
    void masksSecretsInsideValues();
    void masksCutAndBrokenBodies();
    void mediaIsKeptAsItsWholeSize();
    void metaSendIsRecordedWithoutTheToken();
    void metaRefusalKeepsTheProvidersWords();
    void twilioBasicCredentialsNeverRecorded();
    void metaPagingLinksNeverShowTheToken();
    void nothingIsRecordedUntilSomethingShowsIt();
};

void TestProviderTraffic::masksHeaders()
{
    QCOMPARE(ProviderTraffic::maskHeader("Authorization", "Bearer EAAG123"), QByteArray("Bearer ••••"));
    QCOMPARE(ProviderTraffic::maskHeader("authorization", "Basic QUM6dG9r"), QByteArray("Basic ••••"));
    QCOMPARE(ProviderTraffic::maskHeader("X-Twilio-Signature", "abc="), QByteArray("••••"));
    QCOMPARE(ProviderTraffic::maskHeader("Set-Cookie", "session=1"), QByteArray("••••"));
    QCOMPARE(ProviderTraffic::maskHeader("Content-Type", "application/json"), QByteArray("application/json"));
}

void TestProviderTraffic::masksUrlsAndBodies()
{
    const QUrl url = ProviderTraffic::maskUrl(
        QUrl(u"https://user:pw@graph.facebook.com/v23.0/1/media?access_token=SECRET&fields=url"_s));
    QVERIFY(!url.toString().contains(u"SECRET"_s));
    QVERIFY(!url.toString().contains(u"pw"_s));
    QVERIFY(url.toString().contains(u"fields=url"_s));

    const QByteArray json =
        ProviderTraffic::maskBody(R"({"to":"1555","auth":{"access_token":"SECRET","n":[{"client_secret":"S2"}]}})",
                                  "application/json; charset=utf-8");
    QVERIFY(!json.contains("SECRET") && !json.contains("S2"));
    QVERIFY(json.contains("\"to\":\"1555\""));

    const QByteArray form =
        ProviderTraffic::maskBody("To=whatsapp%3A%2B1555&Password=hunter2", "application/x-www-form-urlencoded");
    QVERIFY(!form.contains("hunter2"));
    QVERIFY(form.contains("To=whatsapp%3A%2B1555"));
}

void TestProviderTraffic::masksSecretsInsideValues()
{
    // The Graph API's paging links carry the caller's access token.
    const QByteArray page = ProviderTraffic::maskBody(
        R"({"data":[{"name":"order_update"}],"paging":{"cursors":{"after":"QVFI"},)"
        R"("next":"https://graph.facebook.com/v23.0/1/message_templates?access_token=SECRET1&limit=1&after=QVFI"}})",
        "application/json");
    QVERIFY2(!page.contains("SECRET1"), page.constData());
    QVERIFY2(page.contains("limit=1&after=QVFI") && page.contains("access_token=••••"), page.constData());

    // A redirect to a signed CDN URL: its signature and session token are credentials.
    const QByteArray location = ProviderTraffic::maskHeader(
        "Location",
        "https://media.s3.amazonaws.com/ME1?X-Amz-Credential=AKIA1%2F2026&X-Amz-Signature=SIG2"
        "&X-Amz-Security-Token=TOK3&X-Amz-Expires=300");
    QVERIFY2(!location.contains("SIG2") && !location.contains("TOK3") && !location.contains("AKIA1"),
             location.constData());
    QVERIFY(location.contains("X-Amz-Expires=300"));
    QCOMPARE(ProviderTraffic::maskHeader("Location", "https://cdn.example/m/ME1?x=1"),
             QByteArray("https://cdn.example/m/ME1?x=1"));

    // A form field that holds a URL with a token of its own; a message's words stay as written.
    const QByteArray form =
        ProviderTraffic::maskBody("Body=Use%20the%20token%20I%20sent&StatusCallback="
                                      + QUrl::toPercentEncoding(u"https://hooks.example/status?token=SECRET5&id=7"_s),
                                  "application/x-www-form-urlencoded");
    QVERIFY2(!QUrl::fromPercentEncoding(form).contains(u"SECRET5"_s), form.constData());
    QVERIFY(QUrl::fromPercentEncoding(form).contains(u"id=7"_s));
    QVERIFY(form.contains("Body=Use%20the%20token%20I%20sent"));

    // Qt's error text quotes the URL.
    QVERIFY(!ProviderTraffic::maskText(u"Error transferring https://x/y?access_token=SECRET4 - server replied"_s)
                 .contains(u"SECRET4"_s));
    QVERIFY(ProviderTraffic::isSecretName(u"api_key"_s));
    QVERIFY(!ProviderTraffic::isSecretName(u"phone_number_id"_s));
}

void TestProviderTraffic::masksCutAndBrokenBodies()
{
    ProviderTraffic traffic;
    // A document longer than what is kept: masked whole, then cut (cut first, it would not parse
    // and the secret near its start would be kept as it came).
    const QByteArray big = R"({"access_token":"SECRET6","data":")" + QByteArray(ProviderTraffic::kMaxBodyBytes, 'x')
                           + R"(","note":"the end"})";
    ProviderExchange exchange;
    exchange.url = QUrl(u"https://graph.facebook.com/v23.0/1"_s);
    exchange.requestHeaders = {{"Content-Type", "application/json"}};
    exchange.requestBody = big;
    exchange.responseHeaders = {{"Content-Type", "application/json; charset=UTF-8"}};
    exchange.responseBody = big;
    exchange.responseBytes = big.size();
    traffic.record(exchange);
    ProviderExchange kept = traffic.exchanges().last();
    QVERIFY(!everything(kept).contains("SECRET6"));
    QVERIFY(kept.bodyTruncated);
    QCOMPARE(kept.responseBody.size(), ProviderTraffic::kMaxBodyBytes);

    // Only the start of the response arrived (or the provider sent broken JSON): masked as text.
    exchange.requestBody.clear();
    exchange.responseBody = R"({"ok":true,"client_secret":"SECRET7","x":{"access_token":"SECRET8)";
    exchange.responseBytes = 0;
    traffic.record(exchange);
    kept = traffic.exchanges().last();
    QVERIFY2(!everything(kept).contains("SECRET7") && !everything(kept).contains("SECRET8"),
             kept.responseBody.constData());
    QVERIFY(kept.responseBody.contains(R"("ok":true)"));

    // A textual answer larger than what is ever masked as a document.
    exchange.responseHeaders = {{"Content-Type", "text/plain"}};
    exchange.responseBody = "a=1&password=SECRET9&" + QByteArray(ProviderTraffic::kMaxMaskedBytes, 'y');
    traffic.record(exchange);
    QVERIFY(!everything(traffic.exchanges().last()).contains("SECRET9"));
}

void TestProviderTraffic::mediaIsKeptAsItsWholeSize()
{
    ProviderTraffic traffic;
    ProviderExchange exchange;
    exchange.url = QUrl(u"https://lookaside.fbsbx.com/whatsapp_business/attachments/"_s);
    exchange.responseHeaders = {{"Content-Type", "image/jpeg"}};
    exchange.responseBytes = 2'000'000; // NetworkPool does not copy the bytes it will not show
    traffic.record(exchange);
    QCOMPARE(traffic.exchanges().last().responseBody, QByteArray("(2000000 bytes of image/jpeg)"));
}

void TestProviderTraffic::keepsTheLastExchangesOnly()
{
    ProviderTraffic traffic(3);
    QSignalSpy recorded(&traffic, &ProviderTraffic::recorded);
    for (int i = 0; i < 5; ++i) {
        ProviderExchange exchange;
        exchange.url = QUrl(u"https://example.com/%1"_s.arg(i));
        traffic.record(exchange);
    }
    QCOMPARE(recorded.count(), 5);
    const QList<ProviderExchange> kept = traffic.exchanges();
    QCOMPARE(kept.size(), 3);
    QCOMPARE(kept.first().url.path(), u"/2"_s);
    QCOMPARE(kept.last().id, 5);
    traffic.clear();
    QVERIFY(traffic.exchanges().isEmpty());
}

void TestProviderTraffic::metaSendIsRecordedWithoutTheToken()
{
    EmulatorOptions options = metaOptions();
    options.wabaId = u"102290129340398"_s;
    MetaRig rig(options);
    QVERIFY(rig.listening);
    ProviderTraffic& traffic = rig.traffic;

    const auto sent = rig.sendText(u"Your order shipped"_s);
    QVERIFY(sent && *sent);
    QTRY_COMPARE(traffic.exchanges().size(), 1);
    const ProviderExchange exchange = traffic.exchanges().first();
    QCOMPARE(exchange.method, QByteArray("POST"));
    QCOMPARE(exchange.url.path(), u"/v23.0/%1/messages"_s.arg(kPhoneNumberId));
    QCOMPARE(exchange.httpStatus, 200);
    QVERIFY(!exchange.failed());
    QVERIFY(exchange.requestBody.contains("Your order shipped"));
    // The provider's answer is kept, and the provider still parsed it (the body was only peeked).
    QVERIFY(exchange.responseBody.contains((*sent)->providerMessageId.toUtf8()));
    QVERIFY2(!everything(exchange).contains(kMetaToken.toUtf8()), everything(exchange).constData());
    bool authorizationShown = false;
    for (const auto& [name, value] : exchange.requestHeaders) {
        authorizationShown = authorizationShown || (name == "Authorization" && value == "Bearer ••••");
    }
    QVERIFY(authorizationShown);
}

void TestProviderTraffic::metaRefusalKeepsTheProvidersWords()
{
    MetaRig rig(metaOptions());
    QVERIFY(rig.listening);
    rig.emulator.addFault(*FaultSpec::parse(u"error:131026"_s));
    ProviderTraffic& traffic = rig.traffic;
    const auto sent = rig.sendText(u"hello"_s);
    QVERIFY(sent && !*sent);
    QTRY_COMPARE(traffic.exchanges().size(), 1);
    const ProviderExchange exchange = traffic.exchanges().first();
    QVERIFY(exchange.failed());
    QVERIFY(exchange.httpStatus >= 400);
    QVERIFY2(exchange.responseBody.contains("131026"), exchange.responseBody.constData());
}

void TestProviderTraffic::twilioBasicCredentialsNeverRecorded()
{
    EmulatorOptions options;
    options.accountSid = kAccountSid;
    options.authToken = kAuthToken;
    TwilioEmulator emulator(options);
    QVERIFY(emulator.listen() != 0);
    ProviderTraffic traffic;
    QSignalSpy shown(&traffic, &ProviderTraffic::recorded); // the request inspector
    NetworkPool network;
    network.setTraffic(&traffic);
    TwilioConfig config;
    config.accountSid = kAccountSid;
    config.authToken = kAuthToken;
    config.fromNumber = u"+14155238886"_s;
    config.apiBaseUrl = emulator.baseUrl();
    config.contentBaseUrl = emulator.baseUrl();
    TwilioProvider provider(config, &network);
    OutgoingMessage message;
    message.to = u"+14155550100"_s;
    message.body = u"Hi from Twilio"_s;
    QObject context;
    const auto sent = wait<SendAccepted>([&](auto done) { provider.send(message, &context, done); });
    QVERIFY(sent && *sent);
    QTRY_COMPARE(traffic.exchanges().size(), 1);
    const ProviderExchange exchange = traffic.exchanges().first();
    QCOMPARE(exchange.httpStatus, 201);
    const QByteArray credential = (kAccountSid + u":"_s + kAuthToken).toUtf8().toBase64();
    const QByteArray all = everything(exchange);
    QVERIFY2(!all.contains(kAuthToken.toUtf8()) && !all.contains(credential), all.constData());
    QVERIFY(exchange.requestBody.contains("Body=Hi"));
}

void TestProviderTraffic::metaPagingLinksNeverShowTheToken()
{
    EmulatorOptions options = metaOptions();
    options.wabaId = u"102290129340398"_s;
    options.pagingLinksCarryToken = true; // as the real Graph API's links do
    MetaRig rig(options, 1); // every template on its own page, each page linking the next
    QVERIFY(rig.listening);
    ProviderTraffic& traffic = rig.traffic;

    QObject context;
    const auto templates = wait<QList<Template>>([&](auto done) { rig.provider->listTemplates(&context, done); });
    QVERIFY(templates && *templates);
    QVERIFY((*templates)->size() >= 2);
    QTRY_COMPARE(traffic.exchanges().size(), (*templates)->size());
    bool linkShown = false;
    for (const ProviderExchange& exchange : traffic.exchanges()) {
        QCOMPARE(exchange.httpStatus, 200);
        QVERIFY2(!everything(exchange).contains(kMetaToken.toUtf8()), everything(exchange).constData());
        linkShown = linkShown || exchange.responseBody.contains("access_token=••••");
    }
    QVERIFY(linkShown); // the token was in the answers, and it was masked
}

void TestProviderTraffic::nothingIsRecordedUntilSomethingShowsIt()
{
    // A headless receiver has no request inspector: copying and masking each exchange would be
    // wasted work on its provider thread.
    MetaRig rig(metaOptions());
    QVERIFY(rig.listening);
    ProviderTraffic unwatched;
    rig.network.setTraffic(&unwatched);
    const auto sent = rig.sendText(u"unwatched"_s);
    QVERIFY(sent && *sent);
    QVERIFY(!unwatched.isWatched());
    QVERIFY(unwatched.exchanges().isEmpty());

    QSignalSpy shown(&unwatched, &ProviderTraffic::recorded);
    QVERIFY(unwatched.isWatched());
    const auto again = rig.sendText(u"watched"_s);
    QVERIFY(again && *again);
    QTRY_COMPARE(unwatched.exchanges().size(), 1);
    QCOMPARE(shown.count(), 1);
    QVERIFY(unwatched.exchanges().first().requestBody.contains("watched"));
}

QTEST_GUILESS_MAIN(TestProviderTraffic)
#include "TestProviderTraffic.moc"
