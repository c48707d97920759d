// ForwardedUrl: the URL a proxy's client named, from RFC 7239 `Forwarded` or the X-Forwarded-*
// headers ngrok, nginx and load balancers add.
#include "providers/ForwardedUrl.h"

#include <QTest>

using Headers = QList<QPair<QByteArray, QByteArray>>;
Q_DECLARE_METATYPE(Headers)

class TestForwardedUrl : public QObject
{
    Q_OBJECT

private slots:
    void of_data();
    void of();
};

void TestForwardedUrl::of_data()
{
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QString>("expected"); // empty: no forwarded URL

    const auto row = [](const char* name, const Headers& headers, const char* expected) {
        QTest::newRow(name) << headers << QString::fromLatin1(expected);
    };
    row("no forwarding headers", {}, "");
    row("ngrok",
        {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "abc-1-2.ngrok-free.app"}},
        "https://abc-1-2.ngrok-free.app/api/whatsapp/webhook?x=1");
    row("header names in any case",
        {{"x-forwarded-proto", "https"}, {"x-forwarded-host", "abc.ngrok-free.app"}},
        "https://abc.ngrok-free.app/api/whatsapp/webhook?x=1");
    row("host with a port",
        {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "chat.example.com:8443"}},
        "https://chat.example.com:8443/api/whatsapp/webhook?x=1");
    row("separate port",
        {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "chat.example.com"}, {"X-Forwarded-Port", "8443"}},
        "https://chat.example.com:8443/api/whatsapp/webhook?x=1");
    row("proto only keeps our host but not our port",
        {{"X-Forwarded-Proto", "https"}},
        "https://127.0.0.1/api/whatsapp/webhook?x=1");
    row("first of a chain of proxies",
        {{"X-Forwarded-Proto", "https, http"}, {"X-Forwarded-Host", "front.example, middle.internal"}},
        "https://front.example/api/whatsapp/webhook?x=1");
    row("RFC 7239",
        {{"Forwarded", "for=203.0.113.7;proto=https;host=abc.ngrok-free.app"}},
        "https://abc.ngrok-free.app/api/whatsapp/webhook?x=1");
    row("RFC 7239 quoted, two elements, wins over X-Forwarded",
        {{"Forwarded", "for=\"[2001:db8::1]\";Proto=https;Host=\"front.example:444\", for=10.0.0.1;proto=http"},
         {"X-Forwarded-Host", "ignored.example"}},
        "https://front.example:444/api/whatsapp/webhook?x=1");
    row("IPv6 host",
        {{"X-Forwarded-Host", "[2001:db8::2]:8080"}},
        "http://[2001:db8::2]:8080/api/whatsapp/webhook?x=1");
    row("another scheme is refused", {{"X-Forwarded-Proto", "ftp"}}, "");
    row("a host with a path is refused", {{"X-Forwarded-Host", "evil.example/other"}}, "");
    row("a host with user info is refused", {{"X-Forwarded-Host", "me@evil.example"}}, "");
    row("a port out of range is refused", {{"X-Forwarded-Host", "a.example"}, {"X-Forwarded-Port", "70000"}}, "");
}

void TestForwardedUrl::of()
{
    QFETCH(Headers, headers);
    QFETCH(QString, expected);
    WebhookRequest request;
    request.url = QUrl(QStringLiteral("http://127.0.0.1:8080/api/whatsapp/webhook?x=1"));
    request.headers = headers;
    QCOMPARE(ForwardedUrl::of(request).toString(), expected);
}

QTEST_GUILESS_MAIN(TestForwardedUrl)
#include "TestForwardedUrl.moc"
