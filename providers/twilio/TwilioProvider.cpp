#include "providers/twilio/TwilioProvider.h"

#include "providers/FormEncoding.h"
#include "providers/ForwardedUrl.h"
#include "providers/ProviderLogging.h"
#include "providers/twilio/TwilioSignature.h"
#include "providers/twilio/TwilioWire.h"

#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

namespace
{

constexpr int kMaxTemplatePages = 200;
constexpr int kMaxMediaRedirects = 5;

bool sameOrigin(const QUrl& a, const QUrl& b)
{
    const auto defaultPort = [](const QUrl& url) {
        return url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
           && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && defaultPort(a) == defaultPort(b);
}

Error signatureInvalid(const QString& message)
{
    Error error;
    error.kind = Error::Kind::Authentication;
    error.code = QStringLiteral("signature_invalid");
    error.message = message;
    error.httpStatus = 403;
    return error;
}

} // namespace

TwilioProvider::TwilioProvider(TwilioConfig config, NetworkPool* network, QObject* parent)
    : Provider(parent)
    , m_config(std::move(config))
    , m_network(network ? network : new NetworkPool(6, this))
    , m_authorization("Basic " + (m_config.accountSid + QLatin1Char(':') + m_config.authToken).toUtf8().toBase64())
{
}

QString TwilioProvider::name() const
{
    return QStringLiteral("twilio");
}

const TwilioConfig& TwilioProvider::config() const
{
    return m_config;
}

QList<Template> TwilioProvider::cachedTemplates() const
{
    return m_templates;
}

template <typename T>
Callback<T> TwilioProvider::guarded(QObject* context, Callback<T> done)
{
    QPointer<QObject> guard(context ? context : this);
    return [guard, done = std::move(done)](Result<T> result) {
        if (guard) {
            done(std::move(result));
        }
    };
}

QNetworkRequest TwilioProvider::makeRequest(const QUrl& url, bool withCredentials) const
{
    QNetworkRequest request(url);
    request.setTransferTimeout(m_config.timeoutMs);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "FlowChat/" FLOWCHAT_VERSION);
    if (withCredentials) {
        request.setRawHeader("Authorization", m_authorization);
    }
    return request;
}

void TwilioProvider::get(const QUrl& url, bool withCredentials, bool manualRedirects, ResponseHandler handler)
{
    QNetworkRequest request = makeRequest(url, withCredentials);
    if (manualRedirects) {
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    }
    QNetworkReply* reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply, &QNetworkReply::finished, this, [reply, handler = std::move(handler)] {
        const QUrl redirect = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
        handler(HttpResponse::from(*reply), redirect);
    });
}

void TwilioProvider::post(const QUrl& url, const QByteArray& body, ResponseHandler handler)
{
    QNetworkRequest request = makeRequest(url, true);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    QNetworkReply* reply = m_network->post(request, body);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply, &QNetworkReply::finished, this, [reply, handler = std::move(handler)] {
        handler(HttpResponse::from(*reply), QUrl());
    });
}

void TwilioProvider::send(const OutgoingMessage& message, QObject* context, Callback<SendAccepted> done)
{
    Callback<SendAccepted> finish = guarded(context, std::move(done));
    const bool isTemplate = message.type == MessageType::Template || !message.templateName.isEmpty();
    if (!isTemplate) {
        postMessage(message, QString(), std::move(finish));
        return;
    }
    if (message.templateName.isEmpty()) {
        finish(Unexpected(Error::validation(QStringLiteral("template_name"),
                                            QStringLiteral("A template send needs a template name"))));
        return;
    }
    if (TwilioWire::isContentSid(message.templateName)) {
        postMessage(message, message.templateName, std::move(finish));
        return;
    }
    if (m_templatesLoaded) {
        if (const std::optional<Template> found =
                TwilioWire::findTemplate(m_templates, message.templateName, message.templateLanguage)) {
            postMessage(message, found->providerId, std::move(finish));
            return;
        }
    }
    // Not cached, or a miss in an older listing: the template may be new, so list once more.
    sendTemplateByName(message, std::move(finish));
}

void TwilioProvider::sendTemplateByName(const OutgoingMessage& message, Callback<SendAccepted> done)
{
    loadTemplates([this, message, done = std::move(done)](const Result<QList<Template>>& templates) {
        if (!templates) {
            done(Unexpected(templates.error()));
            return;
        }
        const std::optional<Template> found =
            TwilioWire::findTemplate(*templates, message.templateName, message.templateLanguage);
        if (!found) {
            Error error;
            error.kind = Error::Kind::TemplateMismatch;
            error.code = QStringLiteral("template_not_found");
            error.field = QStringLiteral("template_name");
            error.message = QStringLiteral("No approved Twilio template named '%1' for language '%2'")
                                .arg(message.templateName, message.templateLanguage);
            qCInfo(lcTwilio) << "template not found:" << message.templateName << message.templateLanguage;
            done(Unexpected(error));
            return;
        }
        postMessage(message, found->providerId, done);
    });
}

void TwilioProvider::postMessage(const OutgoingMessage& message, const QString& contentSid, Callback<SendAccepted> done)
{
    const QByteArray body = TwilioWire::sendBody(message, m_config, contentSid);
    qCDebug(lcTwilio) << "POST Messages.json"
                      << (contentSid.isEmpty() ? MessageTypes::toString(message.type) : contentSid)
                      << "media:" << message.mediaUrls.size();
    post(TwilioWire::messagesUrl(m_config), body, [done = std::move(done)](const HttpResponse& response, const QUrl&) {
        Result<SendAccepted> result = TwilioWire::parseSendResponse(response);
        if (result) {
            qCDebug(lcTwilio) << "accepted" << result->providerMessageId << result->rawStatus;
        } else {
            qCInfo(lcTwilio) << "send refused: HTTP" << response.status << "code" << result.error().code;
        }
        done(std::move(result));
    });
}

void TwilioProvider::listTemplates(QObject* context, Callback<QList<Template>> done)
{
    Callback<QList<Template>> finish = guarded(context, std::move(done));
    loadTemplates([finish = std::move(finish)](const Result<QList<Template>>& result) { finish(result); });
}

void TwilioProvider::loadTemplates(TemplatesHandler handler)
{
    // Requests that arrive while a listing runs share its answer.
    m_templateWaiters.append(std::move(handler));
    if (m_templatesLoading) {
        return;
    }
    m_templatesLoading = true;
    fetchTemplatePage(TwilioWire::contentAndApprovalsUrl(m_config), std::make_shared<QList<Template>>(), 0);
}

void TwilioProvider::fetchTemplatePage(const QUrl& url, std::shared_ptr<QList<Template>> collected, int pageNo)
{
    get(url, true, false, [this, url, collected, pageNo](const HttpResponse& response, const QUrl&) {
        Result<TwilioWire::TemplatePage> page = TwilioWire::parseTemplatePage(response);
        if (!page) {
            qCInfo(lcTwilio) << "template list failed: HTTP" << response.status << "code" << page.error().code;
            finishTemplateLoad(Unexpected(page.error()));
            return;
        }
        collected->append(page->templates);
        if (page->nextPageUrl.isEmpty() || pageNo + 1 >= kMaxTemplatePages) {
            qCDebug(lcTwilio) << "listed" << collected->size() << "templates on" << pageNo + 1 << "pages";
            finishTemplateLoad(*collected);
            return;
        }
        // next_page_url is absolute (content.twilio.com); keep it on the configured host.
        const QUrl next = TwilioWire::rebase(page->nextPageUrl, m_config.contentBaseUrl);
        if (next == url) {
            finishTemplateLoad(*collected);
            return;
        }
        fetchTemplatePage(next, collected, pageNo + 1);
    });
}

void TwilioProvider::finishTemplateLoad(const Result<QList<Template>>& result)
{
    if (result) {
        m_templates = *result;
        m_templatesLoaded = true;
    }
    m_templatesLoading = false;
    const QList<TemplatesHandler> waiters = std::exchange(m_templateWaiters, {});
    for (const TemplatesHandler& waiter : waiters) {
        waiter(result);
    }
}

void TwilioProvider::fetchMedia(const MediaRef& media, QObject* context, Callback<MediaData> done)
{
    Callback<MediaData> finish = guarded(context, std::move(done));
    QUrl url(media.url);
    if (url.isRelative()) {
        url = m_config.apiBaseUrl.resolved(url);
    }
    if (media.url.isEmpty() || !url.isValid() || !sameOrigin(url, m_config.apiBaseUrl)) {
        // Our credentials go only to Twilio's own API host (architecture §9).
        finish(Unexpected(Error::validation(QStringLiteral("media_url"), QStringLiteral("Not a Twilio media URL"))));
        return;
    }
    fetchMediaHop(url, url, 0, true, std::move(finish));
}

void TwilioProvider::fetchMediaHop(
    const QUrl& url, const QUrl& original, int hop, bool withCredentials, Callback<MediaData> done)
{
    get(url,
        withCredentials,
        true,
        [this, url, original, hop, withCredentials, done](const HttpResponse& response, const QUrl& target) {
            if (response.status >= 300 && response.status < 400 && target.isValid() && !target.isEmpty()) {
                if (hop >= kMaxMediaRedirects) {
                    Error error;
                    error.kind = Error::Kind::Permanent;
                    error.code = QStringLiteral("too_many_redirects");
                    error.message = QStringLiteral("The media URL redirected too many times");
                    error.httpStatus = response.status;
                    done(Unexpected(error));
                    return;
                }
                const QUrl next = url.resolved(target);
                // Do not hand the Authorization header to another host (the CDN, §6).
                fetchMediaHop(next, original, hop + 1, withCredentials && sameOrigin(next, url), done);
                return;
            }
            if (response.status != 200) {
                qCInfo(lcTwilio) << "media fetch failed: HTTP" << response.status;
                done(Unexpected(TwilioWire::parseError(response)));
                return;
            }
            MediaData media;
            media.bytes = response.body;
            media.mimeType = QString::fromLatin1(response.contentType).section(QLatin1Char(';'), 0, 0).trimmed();
            media.fileName = original.path().section(QLatin1Char('/'), -1);
            const QString suffix = QMimeDatabase().mimeTypeForName(media.mimeType).preferredSuffix();
            if (!suffix.isEmpty() && !media.fileName.isEmpty()) {
                media.fileName += QLatin1Char('.') + suffix;
            }
            qCDebug(lcTwilio) << "media fetched:" << media.bytes.size() << "bytes" << media.mimeType << "after" << hop
                              << "redirects";
            done(std::move(media));
        });
}

Result<void> TwilioProvider::verifyWebhook(const WebhookRequest& request) const
{
    if (m_config.authToken.isEmpty()) {
        Error error;
        error.kind = Error::Kind::Configuration;
        error.code = QStringLiteral("config.missing");
        error.field = QStringLiteral("TWILIO_AUTH_TOKEN");
        error.message = QStringLiteral("Twilio webhooks cannot be verified without the auth token");
        return Unexpected(error);
    }
    const QByteArray signature = request.header("X-Twilio-Signature");
    if (signature.isEmpty()) {
        return Unexpected(signatureInvalid(QStringLiteral("The webhook has no X-Twilio-Signature header")));
    }

    QList<QUrl> candidates;
    for (const QUrl& configured : {m_config.webhookUrl, m_config.statusCallbackUrl}) {
        if (configured.isEmpty()) {
            continue;
        }
        QUrl url = configured;
        // The configured public URL has no per-request query; Twilio signed the one it called.
        if (!url.hasQuery() && request.url.hasQuery()) {
            url.setQuery(request.url.query(QUrl::FullyEncoded), QUrl::TolerantMode);
        }
        if (!candidates.contains(url)) {
            candidates.append(url);
        }
    }
    // Without FLOWCHAT_PUBLIC_URL, Twilio signed the URL it called: ours, or a proxy's (ngrok) that
    // the forwarding headers name. Only the auth token makes a valid signature, so trusting the
    // URL the request names weakens nothing (Twilio's advice for proxies does the same).
    const bool guessing = candidates.isEmpty();
    if (guessing) {
        candidates.append(request.url);
        const QUrl forwarded = ForwardedUrl::of(request);
        if (!forwarded.isEmpty() && !candidates.contains(forwarded)) {
            candidates.append(forwarded);
        }
    }

    const Form::Fields params = Form::decode(request.body);
    for (const QUrl& url : std::as_const(candidates)) {
        if (TwilioSignature::verify(m_config.authToken, url, params, signature, request.body)) {
            if (guessing) {
                announceMatchedUrl(url);
            }
            return {};
        }
    }
    qCInfo(lcTwilio) << "webhook signature did not match" << candidates.first().path();
    return Unexpected(signatureInvalid(QStringLiteral("X-Twilio-Signature does not match the request")));
}

void TwilioProvider::announceMatchedUrl(const QUrl& url) const
{
    QUrl origin = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    const QString path = origin.path();
    const QString webhookPath = QStringLiteral("/api/whatsapp/webhook");
    if (path.endsWith(webhookPath)) {
        origin.setPath(path.chopped(webhookPath.size()));
    }
    const QString pin = origin.toString(QUrl::StripTrailingSlash);
    const QMutexLocker lock(&m_announcedMutex);
    if (m_announcedUrls.contains(pin)) {
        return;
    }
    m_announcedUrls.insert(pin);
    qCInfo(lcTwilio).noquote() << QStringLiteral(
                                      "webhook signature matched over %1; set FLOWCHAT_PUBLIC_URL=%2 to pin it")
                                      .arg(url.adjusted(QUrl::RemoveQuery).toString(), pin);
}

Result<QList<WebhookEvent>> TwilioProvider::parseWebhook(const WebhookRequest& request) const
{
    return TwilioWire::parseWebhook(request.body);
}
