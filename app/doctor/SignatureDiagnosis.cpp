#include "app/doctor/SignatureDiagnosis.h"

#include "providers/FormEncoding.h"
#include "providers/meta/MetaSignature.h"
#include "providers/twilio/TwilioSignature.h"

#include <QJsonValue>

namespace
{

const QString kWebhookPath = QStringLiteral("/api/whatsapp/webhook");

QByteArray loggedHeader(const WebhookLogEntry& entry, const char* name)
{
    const QString lower = QString::fromLatin1(name).toLower();
    for (auto it = entry.headers.begin(); it != entry.headers.end(); ++it) {
        if (it.key().toLower() == lower) {
            return it.value().toString().toLatin1();
        }
    }
    return {};
}

// "a, b" -> "a": proxies append themselves to X-Forwarded-* lists; the first is the client's view.
QString firstValue(const QByteArray& header)
{
    return QString::fromLatin1(header.split(',').first()).trimmed();
}

int defaultPort(const QString& scheme)
{
    return scheme == QLatin1String("https") ? 443 : 80;
}

struct Base
{
    QString scheme;
    QString host;
    int port = -1;
    QString pathPrefix; // the public URL's own path, without a trailing slash
};

// "host:port" or "[v6]:port" -> host and port (-1 when none).
void splitAuthority(const QString& authority, QString* host, int* port)
{
    const QUrl parsed(QStringLiteral("http://") + authority);
    *host = parsed.host();
    *port = parsed.port();
}

QString withoutTrailingSlash(QString path)
{
    while (path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    return path;
}

// The FLOWCHAT_PUBLIC_URL that makes FlowChat expect `signedUrl`: its scheme, authority and the
// path before /api/whatsapp/webhook.
QString publicUrlFor(const QString& signedUrl)
{
    QUrl url(signedUrl);
    QString path = url.path();
    const qsizetype at = path.indexOf(kWebhookPath);
    path = at >= 0 ? path.left(at) : QString();
    url.setPath(path);
    url.setQuery(QString());
    return withoutTrailingSlash(url.toString(QUrl::FullyEncoded));
}

bool isAscii(const QByteArray& bytes)
{
    for (const char c : bytes) {
        if (static_cast<unsigned char>(c) > 0x7f) {
            return false;
        }
    }
    return true;
}

} // namespace

namespace SignatureDiagnosis
{

QStringList twilioUrlCandidates(const WebhookLogEntry& entry, const QUrl& publicUrl)
{
    const QUrl arrived(entry.url);
    const QString path = arrived.path().isEmpty() ? kWebhookPath : arrived.path();
    const QString query = arrived.query(QUrl::FullyEncoded);

    QList<Base> bases;
    if (!publicUrl.isEmpty()) {
        bases.append({publicUrl.scheme(), publicUrl.host(), publicUrl.port(), withoutTrailingSlash(publicUrl.path())});
    }
    const QString forwardedHost = firstValue(loggedHeader(entry, "X-Forwarded-Host"));
    const QString forwardedProto = firstValue(loggedHeader(entry, "X-Forwarded-Proto")).toLower();
    const QString forwardedPort = firstValue(loggedHeader(entry, "X-Forwarded-Port"));
    const QString hostHeader = firstValue(loggedHeader(entry, "Host"));
    for (const QString& authority : {forwardedHost, hostHeader}) {
        if (authority.isEmpty()) {
            continue;
        }
        QString host;
        int port = -1;
        splitAuthority(authority, &host, &port);
        if (host.isEmpty()) {
            continue;
        }
        if (port < 0 && !forwardedPort.isEmpty()) {
            port = forwardedPort.toInt();
        }
        QStringList schemes{QStringLiteral("https"), QStringLiteral("http")};
        if (forwardedProto == QLatin1String("http")) {
            schemes = {QStringLiteral("http"), QStringLiteral("https")};
        }
        for (const QString& scheme : schemes) {
            bases.append({scheme, host, port, QString()});
            if (!publicUrl.isEmpty() && !withoutTrailingSlash(publicUrl.path()).isEmpty()) {
                bases.append({scheme, host, port, withoutTrailingSlash(publicUrl.path())});
            }
        }
    }
    if (!arrived.host().isEmpty()) {
        bases.append({QStringLiteral("http"), arrived.host(), arrived.port(), QString()});
        bases.append({QStringLiteral("https"), arrived.host(), arrived.port(), QString()});
    }

    QStringList candidates;
    const auto add = [&candidates](const QUrl& url) {
        const QString text = url.toString(QUrl::FullyEncoded);
        if (!candidates.contains(text)) {
            candidates.append(text);
        }
    };
    for (const Base& base : std::as_const(bases)) {
        QStringList paths{base.pathPrefix + path};
        if (!base.pathPrefix.isEmpty() && path.startsWith(base.pathPrefix)) {
            paths.append(path); // a proxy kept the prefix in the path it forwarded
        }
        const QStringList withSlash = paths;
        for (const QString& p : withSlash) {
            paths.append(p.endsWith(QLatin1Char('/')) ? withoutTrailingSlash(p) : p + QLatin1Char('/'));
        }
        QList<int> ports{base.port};
        if (base.port < 0) {
            ports.append(defaultPort(base.scheme));
        } else if (base.port == defaultPort(base.scheme)) {
            ports.append(-1);
        }
        QStringList queries{query};
        if (!query.isEmpty()) {
            queries.append(QString());
        }
        for (const QString& q : std::as_const(queries)) {
            for (const QString& p : std::as_const(paths)) {
                for (const int port : std::as_const(ports)) {
                    QUrl url;
                    url.setScheme(base.scheme);
                    url.setHost(base.host);
                    url.setPort(port);
                    url.setPath(p);
                    if (!q.isEmpty()) {
                        url.setQuery(q, QUrl::StrictMode);
                    }
                    add(url);
                }
            }
        }
    }
    return candidates;
}

Finding twilio(const WebhookLogEntry& entry, const TwilioSettings& settings)
{
    Finding finding;
    const QByteArray signature = loggedHeader(entry, "X-Twilio-Signature");
    if (signature.isEmpty()) {
        finding.explained = true;
        finding.summary =
            QStringLiteral("The request had no X-Twilio-Signature header: it did not come from Twilio, or a "
                           "proxy in front of FlowChat dropped the header.");
        return finding;
    }
    if (settings.authToken.isEmpty()) {
        finding.summary = QStringLiteral("TWILIO_AUTH_TOKEN is empty, so no signature can be checked.");
        finding.fix = QStringLiteral("Set TWILIO_AUTH_TOKEN to the Auth Token of the Twilio account.");
        return finding;
    }
    const Form::Fields params = Form::decode(entry.body);

    QUrl expected = settings.publicUrl.isEmpty() ? QUrl(entry.url) : QUrl();
    if (!settings.publicUrl.isEmpty()) {
        expected = settings.publicUrl;
        expected.setPath(withoutTrailingSlash(expected.path()) + kWebhookPath);
        const QUrl arrived(entry.url);
        if (arrived.hasQuery()) {
            expected.setQuery(arrived.query(QUrl::FullyEncoded), QUrl::StrictMode);
        }
    }
    if (TwilioSignature::verify(settings.authToken, expected, params, signature, entry.body)) {
        finding.explained = true;
        finding.fixedSince = true;
        finding.signedUrl = expected.toString(QUrl::FullyEncoded);
        finding.summary = QStringLiteral("It verifies with the current settings (the URL %1): the settings were fixed "
                                         "after it arrived.")
                              .arg(finding.signedUrl);
        finding.fix =
            QStringLiteral("Nothing to change. Run `flowchat replay-webhook %1` to store it now.").arg(entry.id);
        return finding;
    }

    for (const QString& candidate : twilioUrlCandidates(entry, settings.publicUrl)) {
        const QByteArray computed = TwilioSignature::sign(settings.authToken, candidate, params);
        if (!TwilioSignature::constantTimeEquals(computed, signature)) {
            continue;
        }
        finding.explained = true;
        finding.signedUrl = candidate;
        const QString expectedText = expected.toString(QUrl::FullyEncoded);
        finding.summary = QStringLiteral("Twilio signed the URL %1, but FlowChat checked the signature against %2.")
                              .arg(candidate, expectedText);
        const QUrl signedUrl(candidate);
        if (!signedUrl.path().endsWith(kWebhookPath)) {
            finding.fix = QStringLiteral("In the Twilio console, set the webhook URL to exactly %1 (no trailing slash, "
                                         "nothing after the path).")
                              .arg(expectedText.isEmpty() ? publicUrlFor(candidate) + kWebhookPath : expectedText);
        } else if (QUrl(expectedText).query() != signedUrl.query()) {
            finding.fix = QStringLiteral("The query strings differ: set the webhook URL in the Twilio console to %1 "
                                         "exactly as FlowChat expects it.")
                              .arg(expectedText);
        } else {
            finding.fix = QStringLiteral("Set FLOWCHAT_PUBLIC_URL=%1 (the scheme, host and port Twilio calls), then "
                                         "replay this webhook with `flowchat replay-webhook %2`.")
                              .arg(publicUrlFor(candidate))
                              .arg(entry.id);
        }
        return finding;
    }

    const QString accountSid = Form::value(params, QStringLiteral("AccountSid"));
    if (!accountSid.isEmpty() && !settings.accountSid.isEmpty() && accountSid != settings.accountSid) {
        finding.explained = true;
        finding.summary = QStringLiteral("The webhook is for Twilio account %1, but TWILIO_ACCOUNT_SID is %2: it was "
                                         "signed with that other account's Auth Token.")
                              .arg(accountSid, settings.accountSid);
        finding.fix =
            QStringLiteral("Use the account that sends to this URL: set TWILIO_ACCOUNT_SID and "
                           "TWILIO_AUTH_TOKEN to its values, or point the other account's webhook elsewhere.");
        return finding;
    }
    finding.summary = QStringLiteral("No URL variant matches the signature (tried %1, including http/https, default "
                                     "ports, a trailing slash and the Host and X-Forwarded-* headers).")
                          .arg(twilioUrlCandidates(entry, settings.publicUrl).size());
    finding.fix = QStringLiteral("Check that TWILIO_AUTH_TOKEN is the current Auth Token of the account (a rotated "
                                 "token or a subaccount's token signs differently), and that no proxy changes the "
                                 "form body.");
    return finding;
}

Finding meta(const WebhookLogEntry& entry, const MetaSettings& settings)
{
    Finding finding;
    const QByteArray signature = loggedHeader(entry, "X-Hub-Signature-256");
    if (signature.isEmpty()) {
        finding.explained = true;
        finding.summary =
            QStringLiteral("The request had no X-Hub-Signature-256 header: it did not come from Meta, or a "
                           "proxy in front of FlowChat dropped the header.");
        return finding;
    }
    if (!signature.startsWith("sha256=")) {
        finding.explained = true;
        finding.summary =
            QStringLiteral("The X-Hub-Signature-256 header does not start with sha256=: it was not made by Meta.");
        return finding;
    }
    const QByteArray body = entry.body;
    if (!settings.appSecret.isEmpty() && MetaSignature::verify(settings.appSecret.toUtf8(), body, signature)) {
        finding.explained = true;
        finding.fixedSince = true;
        finding.summary =
            QStringLiteral("It verifies with the current WHATSAPP_APP_SECRET: the secret was fixed after it arrived.");
        finding.fix =
            QStringLiteral("Nothing to change. Run `flowchat replay-webhook %1` to store it now.").arg(entry.id);
        return finding;
    }
    const struct
    {
        QString key;
        QString value;
        QString what;
    } mixups[] = {
        {QStringLiteral("WHATSAPP_API_TOKEN"), settings.accessToken, QStringLiteral("the access token")},
        {QStringLiteral("WHATSAPP_VERIFY_TOKEN"), settings.verifyToken, QStringLiteral("the verify token")},
    };
    for (const auto& mixup : mixups) {
        if (mixup.value.isEmpty()) {
            continue;
        }
        if (MetaSignature::verify(mixup.value.toUtf8(), body, signature)) {
            finding.explained = true;
            finding.summary =
                QStringLiteral("It was signed with %1 (%2) as the key. Meta signs with the App Secret, so "
                               "whatever sent it is set up with the wrong secret.")
                    .arg(mixup.what, mixup.key);
            finding.fix =
                QStringLiteral("Give the sender the App Secret (Meta App Dashboard > App settings > Basic), the "
                               "same value as WHATSAPP_APP_SECRET.");
            return finding;
        }
        if (!settings.appSecret.isEmpty()
            && MetaSignature::constantTimeEquals(mixup.value.toUtf8(), settings.appSecret.toUtf8())) {
            finding.explained = true;
            finding.summary = QStringLiteral("WHATSAPP_APP_SECRET holds %1 (the same value as %2), not the App Secret.")
                                  .arg(mixup.what, mixup.key);
            finding.fix = QStringLiteral("Set WHATSAPP_APP_SECRET to the App Secret from Meta App Dashboard > App "
                                         "settings > Basic.");
            return finding;
        }
    }

    const QByteArray declaredLength = loggedHeader(entry, "Content-Length");
    if (!declaredLength.isEmpty() && declaredLength.toLongLong() != body.size()) {
        finding.explained = true;
        finding.summary = QStringLiteral("The body was altered on the way: it is %1 bytes, but the request said %2.")
                              .arg(body.size())
                              .arg(QString::fromLatin1(declaredLength));
        finding.fix = QStringLiteral("Make the proxy in front of FlowChat pass the body through unchanged.");
        return finding;
    }
    if (!isAscii(body)) {
        finding.explained = true;
        finding.summary = QStringLiteral("The body was altered on the way: it holds raw non-ASCII text, where Meta "
                                         "sends \\u escapes, and no re-escaping makes the signature match.");
        finding.fix = QStringLiteral("Make the proxy in front of FlowChat pass the body through unchanged (no JSON "
                                     "re-encoding).");
        return finding;
    }
    if (body.contains('\n') || (body.contains('/') && !body.contains("\\/"))) {
        finding.explained = true;
        finding.summary = QStringLiteral("The body looks re-serialised (Meta sends compact JSON with \\/ escapes): it "
                                         "was altered on the way, or did not come from Meta.");
        finding.fix = QStringLiteral("Make the proxy in front of FlowChat pass the body through unchanged.");
        return finding;
    }
    finding.summary =
        settings.appSecret.isEmpty()
            ? QStringLiteral("WHATSAPP_APP_SECRET is empty now, and no other key we know matches.")
            : QStringLiteral("No secret we know matches the signature, and the body looks as Meta sends it.");
    finding.fix = QStringLiteral("Set WHATSAPP_APP_SECRET to the App Secret of the Meta app that owns this number "
                                 "(App Dashboard > App settings > Basic), not the access token.");
    return finding;
}

} // namespace SignatureDiagnosis
