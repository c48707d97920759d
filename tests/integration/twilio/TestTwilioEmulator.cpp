#include "providers/FormEncoding.h"
#include "providers/emulator/TwilioEmulator.h"
#include "providers/twilio/TwilioSignature.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace
{

const QString kAccountSid = u"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_s;
const QString kAuthToken = u"emu_auth_token_0123456789abcdef"_s;
const QString kMessages = u"/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages.json"_s;
const QByteArray kBasic =
    "Basic " + QByteArray("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:emu_auth_token_0123456789abcdef").toBase64();
constexpr int kWaitMs = 10'000;

struct Reply
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QByteArray location;
};

struct Callback
{
    QUrl url;
    QByteArray body;
    QByteArray signature;
    QByteArray userAgent;
    QByteArray idempotencyToken;
    Form::Fields fields;
};

QStringList sortedKeys(const QJsonObject& object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

} // namespace

// The Twilio emulator's wire format seen with a plain HTTP client: auth, error bodies, validation
// codes, resource shapes, pagination, media redirects and the status-callback knobs.
class TestTwilioEmulator : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void authentication_data();
    void authentication();
    void createValidation_data();
    void createValidation();
    void messageResources();
    void contentPages();
    void mediaRedirect();
    void statusSequences_data();
    void statusSequences();
    void callbackUrlFragmentIsNotSigned();

private:
    void start(const EmulatorOptions& options);
    Reply request(const QByteArray& method,
                  const QString& pathAndQuery,
                  const QByteArray& body = {},
                  const QByteArray& auth = kBasic);
    Reply requestUrl(const QByteArray& method, const QUrl& url, const QByteArray& body, const QByteArray& auth);

    std::unique_ptr<TwilioEmulator> m_emulator;
    std::unique_ptr<QHttpServer> m_receiver;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QUrl m_callbackUrl;
    QList<Callback> m_callbacks;
};

void TestTwilioEmulator::init()
{
    m_callbacks.clear();
    m_network = std::make_unique<QNetworkAccessManager>();
    m_receiver = std::make_unique<QHttpServer>();
    m_receiver->route(u"/cb"_s, QHttpServerRequest::Method::Post, [this](const QHttpServerRequest& request) {
        m_callbacks.append({request.url(),
                            request.body(),
                            request.value("X-Twilio-Signature"),
                            request.value("User-Agent"),
                            request.value("I-Twilio-Idempotency-Token"),
                            Form::decode(request.body())});
        return QHttpServerResponse("text/xml", "<Response/>");
    });
    const quint16 port = m_receiver->listen(QHostAddress::LocalHost, 0);
    QVERIFY(port != 0);
    m_callbackUrl = QUrl(u"http://127.0.0.1:%1/cb"_s.arg(port));

    EmulatorOptions options;
    options.accountSid = kAccountSid;
    options.authToken = kAuthToken;
    options.statusDelayMs = 50;
    start(options);
}

void TestTwilioEmulator::cleanup()
{
    m_emulator.reset();
    m_receiver.reset();
    m_network.reset();
}

void TestTwilioEmulator::start(const EmulatorOptions& options)
{
    m_emulator = std::make_unique<TwilioEmulator>(options);
    QVERIFY(m_emulator->listen() != 0);
}

Reply TestTwilioEmulator::request(const QByteArray& method,
                                  const QString& pathAndQuery,
                                  const QByteArray& body,
                                  const QByteArray& auth)
{
    return requestUrl(method, m_emulator->baseUrl().resolved(QUrl(pathAndQuery)), body, auth);
}

Reply TestTwilioEmulator::requestUrl(const QByteArray& method,
                                     const QUrl& url,
                                     const QByteArray& body,
                                     const QByteArray& auth)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(kWaitMs);
    if (!auth.isEmpty()) {
        request.setRawHeader("Authorization", auth);
    }
    if (method == "POST") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    }
    std::unique_ptr<QNetworkReply> reply(method == "POST" ? m_network->post(request, body) : m_network->get(request));
    (void)QTest::qWaitFor([&reply] { return reply->isFinished(); }, kWaitMs);
    Reply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.json = QJsonDocument::fromJson(out.body).object();
    out.location = reply->rawHeader("Location");
    return out;
}

void TestTwilioEmulator::authentication_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("auth");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");

    const QByteArray wrongToken = "Basic " + QByteArray("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:nope").toBase64();
    const QByteArray otherAccount =
        "Basic " + QByteArray("ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb:emu_auth_token_0123456789abcdef").toBase64();
    QTest::newRow("no credentials") << kMessages << QByteArray() << 401 << 20003
                                    << u"Authentication Error - No credentials provided"_s;
    QTest::newRow("wrong token") << kMessages << wrongToken << 401 << 20003
                                 << u"Authentication Error - invalid username"_s;
    QTest::newRow("credentials of another account")
        << kMessages << otherAccount << 401 << 20003 << u"Authentication Error - invalid username"_s;
    QTest::newRow("content API needs them too") << u"/v1/ContentAndApprovals"_s << QByteArray() << 401 << 20003
                                                << u"Authentication Error - No credentials provided"_s;
    QTest::newRow("path of another account")
        << u"/2010-04-01/Accounts/ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/Messages.json"_s << kBasic << 401 << 20003
        << u"Authentication Error - invalid username"_s;
    QTest::newRow("unknown route")
        << u"/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls.json"_s << kBasic << 404 << 20404
        << u"The requested resource /2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls.json was not found"_s;
}

void TestTwilioEmulator::authentication()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, auth);
    QFETCH(int, status);
    QFETCH(int, code);
    QFETCH(QString, message);
    const Reply reply = request("GET", path, {}, auth);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.json.value(u"code"_s).toInt(), code);
    QCOMPARE(reply.json.value(u"status"_s).toInt(), status);
    QCOMPARE(reply.json.value(u"message"_s).toString(), message);
    QCOMPARE(reply.json.value(u"more_info"_s).toString(), u"https://www.twilio.com/docs/errors/%1"_s.arg(code));
    if (status == 401) {
        QCOMPARE(sortedKeys(reply.json),
                 (QStringList{u"code"_s, u"detail"_s, u"message"_s, u"more_info"_s, u"status"_s}));
        QCOMPARE(reply.json.value(u"detail"_s).toString(), u"Your AccountSid or AuthToken was incorrect."_s);
    }
}

void TestTwilioEmulator::createValidation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code"); // 0 on success

    const QByteArray to = "To=whatsapp%3A%2B14155550100";
    const QByteArray from = "&From=whatsapp%3A%2B14155238886";
    QTest::newRow("text") << to + from + "&Body=hi" << 201 << 0;
    QTest::newRow("literal '+' decodes to a space: 21211")
        << "To=whatsapp:+14155550100" + from + "&Body=hi" << 400 << 21211;
    QTest::newRow("magic invalid number") << "To=whatsapp%3A%2B15005550001" + from + "&Body=hi" << 400 << 21211;
    QTest::newRow("no channel prefix") << "To=%2B14155550100" + from + "&Body=hi" << 400 << 21211;
    QTest::newRow("no sender: 21603") << to + "&Body=hi" << 400 << 21603;
    QTest::newRow("no Body at all: 21602") << to + from << 400 << 21602;
    QTest::newRow("blank Body: 21619") << to + from + "&Body=%20" << 400 << 21619;
    QTest::newRow("1600 characters are fine") << to + from + "&Body=" + QByteArray(1600, 'x') << 201 << 0;
    QTest::newRow("1601 characters: 21617") << to + from + "&Body=" + QByteArray(1601, 'x') << 400 << 21617;
    QTest::newRow("ftp media: 21620") << to + from + "&MediaUrl=ftp%3A%2F%2Fexample.com%2Fa.jpg" << 400 << 21620;
    QByteArray eleven = to + from;
    for (int i = 0; i < 11; ++i) {
        eleven += "&MediaUrl=https%3A%2F%2Fexample.com%2F" + QByteArray::number(i) + ".jpg";
    }
    QTest::newRow("eleven media: 21620") << eleven << 400 << 21620;
    QTest::newRow("unknown ContentSid: 21655")
        << to + from + "&ContentSid=HX00000000000000000000000000000000" << 400 << 21655;
    QTest::newRow("ContentVariables not JSON: 21656")
        << to + from + "&ContentSid=HXbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&ContentVariables=%7Bnope" << 400 << 21656;
    QTest::newRow("ContentVariables number value: 21656")
        << to + from + "&ContentSid=HXbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&ContentVariables=%7B%221%22%3A5%7D" << 400
        << 21656;
    QTest::newRow("template")
        << to + from + "&ContentSid=HXbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&ContentVariables=%7B%221%22%3A%22Jo%22%7D" << 201
        << 0;
    QTest::newRow("StatusCallback host with underscore: 21609")
        << to + from + "&Body=hi&StatusCallback=http%3A%2F%2Fmy_host.example%2Fcb" << 400 << 21609;
}

void TestTwilioEmulator::createValidation()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(int, code);
    const Reply reply = request("POST", kMessages, body);
    QCOMPARE(reply.status, status);
    if (code != 0) {
        QCOMPARE(reply.json.value(u"code"_s).toInt(), code);
        QCOMPARE(reply.json.value(u"status"_s).toInt(), status);
        QVERIFY(!reply.json.value(u"message"_s).toString().isEmpty());
        QVERIFY(m_emulator->acceptedMessages().isEmpty());
    } else {
        QCOMPARE(m_emulator->acceptedMessages().size(), 1);
    }
    QCOMPARE(m_emulator->createRequestBodies(), QList<QByteArray>{body});
}

void TestTwilioEmulator::messageResources()
{
    const Reply created =
        request("POST", kMessages, "To=whatsapp%3A%2B14155550100&From=whatsapp%3A%2B14155238886&Body=Hi%20%2B1");
    QCOMPARE(created.status, 201);
    // Exactly the fields twilio-node's MessageInstance reads (§1.4).
    QCOMPARE(sortedKeys(created.json),
             (QStringList{u"account_sid"_s,
                          u"api_version"_s,
                          u"body"_s,
                          u"date_created"_s,
                          u"date_sent"_s,
                          u"date_updated"_s,
                          u"direction"_s,
                          u"error_code"_s,
                          u"error_message"_s,
                          u"from"_s,
                          u"messaging_service_sid"_s,
                          u"num_media"_s,
                          u"num_segments"_s,
                          u"price"_s,
                          u"price_unit"_s,
                          u"sid"_s,
                          u"status"_s,
                          u"subresource_uris"_s,
                          u"to"_s,
                          u"uri"_s}));
    const QString sid = created.json.value(u"sid"_s).toString();
    QVERIFY(QRegularExpression(u"^SM[0-9a-f]{32}$"_s).match(sid).hasMatch());
    QVERIFY(QRegularExpression(
                u"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000$"_s)
                .match(created.json.value(u"date_created"_s).toString())
                .hasMatch());
    QVERIFY(created.json.value(u"date_sent"_s).isNull());
    QVERIFY(created.json.value(u"price"_s).isNull());
    QCOMPARE(created.json.value(u"num_media"_s), QJsonValue(u"0"_s));
    QCOMPARE(created.json.value(u"num_segments"_s), QJsonValue(u"1"_s));
    QCOMPARE(created.json.value(u"body"_s).toString(), u"Hi +1"_s);
    QCOMPARE(created.json.value(u"status"_s).toString(), u"queued"_s);

    const Reply fetched = request("GET", kMessages.chopped(5) + u"/"_s + sid + u".json"_s);
    QCOMPARE(fetched.status, 200);
    QCOMPARE(fetched.json.value(u"sid"_s).toString(), sid);

    // A Messaging Service instead of From: accepted, no segments yet.
    const Reply service =
        request("POST",
                kMessages,
                "To=whatsapp%3A%2B14155550100&MessagingServiceSid=MGaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&Body=x");
    QCOMPARE(service.status, 201);
    QCOMPARE(service.json.value(u"status"_s).toString(), u"accepted"_s);
    QCOMPARE(service.json.value(u"num_segments"_s).toString(), u"0"_s);
    QVERIFY(service.json.value(u"from"_s).isNull());
    QCOMPARE(request("POST", kMessages, "To=whatsapp%3A%2B14155550100&From=whatsapp%3A%2B14155238886&Body=3").status,
             201);

    // Paged, newest first, only the documented keys (§1.8), next_page_uri relative.
    const Reply first = request("GET", kMessages + u"?PageSize=2"_s);
    QCOMPARE(first.status, 200);
    QCOMPARE(sortedKeys(first.json),
             (QStringList{u"end"_s,
                          u"first_page_uri"_s,
                          u"messages"_s,
                          u"next_page_uri"_s,
                          u"page"_s,
                          u"page_size"_s,
                          u"previous_page_uri"_s,
                          u"start"_s,
                          u"uri"_s}));
    QCOMPARE(first.json.value(u"messages"_s).toArray().size(), 2);
    QCOMPARE(first.json.value(u"end"_s).toInt(), 1);
    const QString next = first.json.value(u"next_page_uri"_s).toString();
    QVERIFY(next.startsWith(kMessages + u"?"_s));
    const Reply second = request("GET", next);
    QCOMPARE(second.json.value(u"messages"_s).toArray().size(), 1);
    QCOMPARE(second.json.value(u"messages"_s).toArray().first().toObject().value(u"sid"_s).toString(), sid);
    QVERIFY(second.json.value(u"next_page_uri"_s).isNull());
    QCOMPARE(second.json.value(u"start"_s).toInt(), 2);

    QCOMPARE(request("GET", kMessages.chopped(5) + u"/SM00000000000000000000000000000000.json"_s)
                 .json.value(u"code"_s)
                 .toInt(),
             20404);
}

void TestTwilioEmulator::contentPages()
{
    const Reply first = request("GET", u"/v1/Content?PageSize=4"_s);
    QCOMPARE(first.status, 200);
    const QJsonObject meta = first.json.value(u"meta"_s).toObject();
    QCOMPARE(sortedKeys(meta),
             (QStringList{u"first_page_url"_s,
                          u"key"_s,
                          u"next_page_url"_s,
                          u"page"_s,
                          u"page_size"_s,
                          u"previous_page_url"_s,
                          u"url"_s}));
    QCOMPARE(meta.value(u"key"_s).toString(), u"contents"_s);
    QCOMPARE(meta.value(u"page_size"_s).toInt(), 4);
    const QJsonArray items = first.json.value(u"contents"_s).toArray();
    QCOMPARE(items.size(), 4);
    const QJsonObject item = items.first().toObject();
    QVERIFY(QRegularExpression(u"^HX[0-9a-fA-F]{32}$"_s).match(item.value(u"sid"_s).toString()).hasMatch());
    QVERIFY(QRegularExpression(u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$"_s)
                .match(item.value(u"date_created"_s).toString())
                .hasMatch());
    QVERIFY(item.contains(u"url"_s) && item.contains(u"links"_s));
    QVERIFY(!item.contains(u"approval_requests"_s));

    const QUrl next(meta.value(u"next_page_url"_s).toString());
    QCOMPARE(next.host(), m_emulator->baseUrl().host());
    QCOMPARE(next.port(), m_emulator->baseUrl().port());
    const Reply second = requestUrl("GET", next, {}, kBasic);
    QCOMPARE(second.json.value(u"contents"_s).toArray().size(), 2);
    QVERIFY(second.json.value(u"meta"_s).toObject().value(u"next_page_url"_s).isNull());
    QVERIFY(!second.json.value(u"meta"_s).toObject().value(u"previous_page_url"_s).isNull());

    const Reply approvals = request("GET", u"/v1/ContentAndApprovals?PageSize=50"_s);
    const QJsonArray all = approvals.json.value(u"contents"_s).toArray();
    QCOMPARE(all.size(), 6);
    QVERIFY(approvals.json.value(u"meta"_s).toObject().value(u"next_page_url"_s).isNull());
    QCOMPARE(all.first().toObject().value(u"approval_requests"_s).toObject().value(u"status"_s).toString(),
             u"approved"_s);
    QVERIFY(!all.first().toObject().contains(u"url"_s));

    const Reply one = request("GET", u"/v1/Content/HXdddddddddddddddddddddddddddddddd/ApprovalRequests"_s);
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json.value(u"whatsapp"_s).toObject().value(u"name"_s).toString(), u"appointment_reminder"_s);
    QCOMPARE(one.json.value(u"whatsapp"_s).toObject().value(u"type"_s).toString(), u"whatsapp"_s);
    QCOMPARE(request("GET", u"/v1/Content/HX00000000000000000000000000000000"_s).json.value(u"code"_s).toInt(), 20404);
}

void TestTwilioEmulator::mediaRedirect()
{
    const Reply created =
        request("POST",
                kMessages,
                "To=whatsapp%3A%2B14155550100&From=whatsapp%3A%2B14155238886"
                "&MediaUrl=https%3A%2F%2Fexample.com%2Fa.png&MediaUrl=https%3A%2F%2Fexample.com%2Fb.pdf");
    QCOMPARE(created.status, 201);
    const QString sid = created.json.value(u"sid"_s).toString();
    QVERIFY(sid.startsWith(u"MM"_s));
    QCOMPARE(created.json.value(u"num_media"_s).toString(), u"2"_s);

    const Reply list =
        request("GET", created.json.value(u"subresource_uris"_s).toObject().value(u"media"_s).toString());
    QCOMPARE(list.status, 200);
    const QJsonArray media = list.json.value(u"media_list"_s).toArray();
    QCOMPARE(media.size(), 2);
    QString pngUri;
    for (const QJsonValue& value : media) {
        QCOMPARE(value.toObject().value(u"parent_sid"_s).toString(), sid);
        if (value.toObject().value(u"content_type"_s).toString() == u"image/png"_s) {
            pngUri = value.toObject().value(u"uri"_s).toString();
        }
    }
    QVERIFY(pngUri.endsWith(u".json"_s));
    const QString bytesPath = pngUri.chopped(5);

    QCOMPARE(request("GET", bytesPath, {}, QByteArray()).status, 401);
    const Reply redirect = request("GET", bytesPath);
    QCOMPARE(redirect.status, 307);
    QVERIFY(!redirect.location.isEmpty());
    const Reply bytes = requestUrl("GET", QUrl(QString::fromLatin1(redirect.location)), {}, QByteArray());
    QCOMPARE(bytes.status, 200);
    QVERIFY(bytes.body.startsWith("\x89PNG"));
    QCOMPARE(bytes.body, m_emulator->mediaBytes(bytesPath.section(u'/', -1)));
}

void TestTwilioEmulator::statusSequences_data()
{
    QTest::addColumn<QString>("finalStatus");
    QTest::addColumn<bool>("closedWindows");
    QTest::addColumn<bool>("template_");
    QTest::addColumn<bool>("outOfOrder");
    QTest::addColumn<bool>("duplicates");
    QTest::addColumn<QStringList>("expected"); // status[:ErrorCode] in arrival order

    QTest::newRow("read") << u"read"_s << false << false << false << false
                          << QStringList{u"sent"_s, u"delivered"_s, u"read"_s};
    QTest::newRow("delivered") << u"delivered"_s << false << false << false << false
                               << QStringList{u"sent"_s, u"delivered"_s};
    QTest::newRow("sent") << u"sent"_s << false << false << false << false << QStringList{u"sent"_s};
    QTest::newRow("failed") << u"failed"_s << false << false << false << false << QStringList{u"failed:30008"_s};
    QTest::newRow("undelivered") << u"undelivered"_s << false << false << false << false
                                 << QStringList{u"sent"_s, u"undelivered:30003"_s};
    QTest::newRow("closed window, free-form")
        << u"read"_s << true << false << false << false << QStringList{u"undelivered:63016"_s};
    QTest::newRow("closed window, template")
        << u"read"_s << true << true << false << false << QStringList{u"sent"_s, u"delivered"_s, u"read"_s};
    QTest::newRow("out of order") << u"read"_s << false << false << true << false
                                  << QStringList{u"read"_s, u"delivered"_s, u"sent"_s};
    QTest::newRow("duplicates") << u"delivered"_s << false << false << false << true
                                << QStringList{u"sent"_s, u"sent"_s, u"delivered"_s, u"delivered"_s};
}

void TestTwilioEmulator::statusSequences()
{
    QFETCH(QString, finalStatus);
    QFETCH(bool, closedWindows);
    QFETCH(bool, template_);
    QFETCH(bool, outOfOrder);
    QFETCH(bool, duplicates);
    QFETCH(QStringList, expected);

    EmulatorOptions options = m_emulator->options();
    options.finalStatus = finalStatus;
    options.closedWindows = closedWindows;
    options.outOfOrder = outOfOrder;
    options.duplicates = duplicates;
    start(options);

    const QByteArray content = template_ ? "&ContentSid=HXbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" : "&Body=hello";
    const Reply created = request("POST",
                                  kMessages,
                                  "To=whatsapp%3A%2B14155550100&From=whatsapp%3A%2B14155238886" + content
                                      + "&StatusCallback=" + QUrl::toPercentEncoding(m_callbackUrl.toString()));
    QCOMPARE(created.status, 201);
    const QString sid = created.json.value(u"sid"_s).toString();
    QTRY_COMPARE_WITH_TIMEOUT(m_callbacks.size(), expected.size(), kWaitMs);

    QStringList actual;
    for (const Callback& callback : std::as_const(m_callbacks)) {
        QVERIFY(TwilioSignature::verify(kAuthToken, m_callbackUrl, callback.fields, callback.signature));
        QCOMPARE(callback.userAgent, "TwilioProxy/1.1"_ba);
        QCOMPARE(callback.idempotencyToken.size(), 32);
        const auto field = [&callback](const char* name) {
            return Form::value(callback.fields, QString::fromLatin1(name));
        };
        QCOMPARE(field("MessageSid"), sid);
        QCOMPARE(field("SmsSid"), sid);
        QCOMPARE(field("SmsStatus"), field("MessageStatus"));
        QCOMPARE(field("AccountSid"), kAccountSid);
        QCOMPARE(field("ApiVersion"), u"2010-04-01"_s);
        QCOMPARE(field("ChannelPrefix"), u"whatsapp"_s);
        QCOMPARE(field("ChannelToAddress"), u"+14155550100"_s);
        QCOMPARE(field("To"), u"whatsapp:+14155550100"_s);
        QCOMPARE(field("From"), u"whatsapp:+14155238886"_s);
        const QString status = field("MessageStatus");
        QCOMPARE(field("ChannelInstallSid").isEmpty(), status == u"read"_s);
        QCOMPARE(field("EventType"), status == u"sent"_s || status == u"failed"_s ? QString() : status.toUpper());
        const QString code = field("ErrorCode");
        QCOMPARE(field("ChannelStatusMessage").isEmpty(), code.isEmpty());
        actual.append(code.isEmpty() ? status : status + u':' + code);
    }
    QCOMPARE(actual, expected);
    if (duplicates) {
        QCOMPARE(m_callbacks.at(0).idempotencyToken, m_callbacks.at(1).idempotencyToken);
        QVERIFY(m_callbacks.at(0).idempotencyToken != m_callbacks.at(2).idempotencyToken);
    }
    // The stored resource ends where the callbacks ended.
    const QString last = expected.constLast().section(u':', 0, 0);
    const QString lastInLadder = outOfOrder ? u"read"_s : last;
    QTRY_COMPARE_WITH_TIMEOUT(m_emulator->message(sid).value(u"status"_s).toString(), lastInLadder, kWaitMs);
}

void TestTwilioEmulator::callbackUrlFragmentIsNotSigned()
{
    QUrl withFragment = m_callbackUrl;
    withFragment.setQuery(u"fc=42"_s);
    withFragment.setFragment(u"rc=2&rp=all"_s);
    const Reply created = request("POST",
                                  kMessages,
                                  "To=whatsapp%3A%2B14155550100&From=whatsapp%3A%2B14155238886&Body=x&StatusCallback="
                                      + QUrl::toPercentEncoding(withFragment.toString()));
    QCOMPARE(created.status, 201);
    QTRY_COMPARE_WITH_TIMEOUT(m_callbacks.size(), 3, kWaitMs);
    QUrl signedUrl = withFragment;
    signedUrl.setFragment(QString());
    for (const Callback& callback : std::as_const(m_callbacks)) {
        QCOMPARE(callback.url.query(), u"fc=42"_s);
        QVERIFY(TwilioSignature::verify(kAuthToken, signedUrl, callback.fields, callback.signature));
        QVERIFY(!TwilioSignature::verify(kAuthToken, withFragment, callback.fields, callback.signature));
    }
}

QTEST_GUILESS_MAIN(TestTwilioEmulator)
#include "TestTwilioEmulator.moc"
