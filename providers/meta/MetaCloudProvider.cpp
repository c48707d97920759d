#include "providers/meta/MetaCloudProvider.h"

#include "providers/NetworkPool.h"
#include "providers/ProviderLogging.h"
#include "providers/meta/MetaSignature.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>

namespace
{

constexpr int kMaxTemplatePages = 200;

const QString kTemplateFields = QStringLiteral("name,status,language,category,components,parameter_format");

Error authenticationError(const QString& code, const QString& message)
{
    Error error;
    error.kind = Error::Kind::Authentication;
    error.code = code;
    error.message = message;
    return error;
}

QString fileNameFromDisposition(const QByteArray& disposition)
{
    static const QRegularExpression name(QStringLiteral(R"re(filename="?([^";]+)"?)re"));
    return name.match(QString::fromUtf8(disposition)).captured(1);
}

} // namespace

struct MetaCloudProvider::TemplateFetch
{
    QPointer<QObject> context;
    Callback<QList<Template>> done;
    QList<Template> templates;
    QSet<QString> cursors; // a cursor seen twice would loop forever
    int pages = 0;
};

MetaCloudProvider::MetaCloudProvider(MetaConfig config, NetworkPool* network, QObject* parent)
    : Provider(parent)
    , m_config(std::move(config))
    , m_network(network)
{
}

QString MetaCloudProvider::name() const
{
    return QStringLiteral("meta");
}

const MetaConfig& MetaCloudProvider::config() const
{
    return m_config;
}

QUrl MetaCloudProvider::endpoint(const QString& path) const
{
    QUrl url = m_config.apiUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/'))) {
        base.chop(1);
    }
    url.setPath(base + QLatin1Char('/') + path);
    return url;
}

QNetworkRequest MetaCloudProvider::request(const QUrl& url) const
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_config.accessToken.toUtf8());
    request.setTransferTimeout(m_config.timeoutMs);
    return request;
}

void MetaCloudProvider::send(const OutgoingMessage& message, QObject* context, Callback<SendAccepted> done)
{
    const Result<QJsonObject> body = MetaWire::buildSendBody(message);
    if (!body) {
        deliverLater<SendAccepted>(context, std::move(done), Unexpected(body.error()));
        return;
    }
    QNetworkRequest post = request(endpoint(m_config.phoneNumberId + QStringLiteral("/messages")));
    post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QString type = body->value(QLatin1String("type")).toString();
    qCDebug(lcMeta) << "sending" << type << "message" << message.localId;
    QNetworkReply* reply = m_network->post(post, QJsonDocument(*body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply, &QNetworkReply::finished, context, [reply, type, done = std::move(done)] {
        Result<SendAccepted> result = MetaWire::parseSendResponse(HttpResponse::from(*reply));
        if (result) {
            qCDebug(lcMeta) << "accepted" << type << result->providerMessageId << result->rawStatus;
        } else {
            qCWarning(lcMeta) << "send refused:" << result.error().code << result.error().message;
        }
        done(std::move(result));
    });
}

void MetaCloudProvider::listTemplates(QObject* context, Callback<QList<Template>> done)
{
    if (m_config.businessAccountId.isEmpty()) {
        Error error;
        error.kind = Error::Kind::Configuration;
        error.code = QStringLiteral("config.missing");
        error.field = QStringLiteral("WHATSAPP_BUSINESS_ACCOUNT_ID");
        error.message = QStringLiteral("Listing templates needs the WhatsApp Business Account id");
        deliverLater<QList<Template>>(context, std::move(done), Unexpected(error));
        return;
    }
    auto fetch = std::make_shared<TemplateFetch>();
    fetch->context = context;
    fetch->done = std::move(done);
    QUrl url = endpoint(m_config.businessAccountId + QStringLiteral("/message_templates"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("fields"), kTemplateFields);
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_config.templatePageSize));
    url.setQuery(query);
    fetchTemplatePage(fetch, url);
}

void MetaCloudProvider::fetchTemplatePage(std::shared_ptr<TemplateFetch> fetch, const QUrl& url)
{
    if (!fetch->context) {
        return;
    }
    ++fetch->pages;
    QNetworkReply* reply = m_network->get(request(url));
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply, &QNetworkReply::finished, fetch->context.data(), [this, self = QPointer(this), reply, fetch, url] {
        Result<MetaWire::TemplatePage> page = MetaWire::parseTemplatePage(HttpResponse::from(*reply));
        if (!page) {
            qCWarning(lcMeta) << "template list failed on page" << fetch->pages << ":" << page.error().code
                              << page.error().message;
            fetch->done(Unexpected(page.error()));
            return;
        }
        fetch->templates.append(page->templates);
        const bool more = !page->next.isEmpty() && self && fetch->pages < kMaxTemplatePages;
        if (!more || (!page->after.isEmpty() && fetch->cursors.contains(page->after))) {
            qCDebug(lcMeta) << "listed" << fetch->templates.size() << "templates in" << fetch->pages << "pages";
            fetch->done(fetch->templates);
            return;
        }
        QUrl next;
        if (!page->after.isEmpty()) {
            fetch->cursors.insert(page->after);
            next = url;
            QUrlQuery query(url);
            query.removeAllQueryItems(QStringLiteral("after"));
            query.addQueryItem(QStringLiteral("after"), page->after);
            next.setQuery(query);
        } else {
            // No cursor: follow `next`, but only on our configured host (it names graph.facebook.com).
            next = page->next;
            next.setScheme(m_config.apiUrl.scheme());
            next.setHost(m_config.apiUrl.host());
            next.setPort(m_config.apiUrl.port());
        }
        fetchTemplatePage(fetch, next);
    });
}

void MetaCloudProvider::fetchMedia(const MediaRef& media, QObject* context, Callback<MediaData> done)
{
    if (media.id.isEmpty()) {
        const QUrl url(media.url);
        if (media.url.isEmpty() || !isTrustedMediaHost(url)) {
            deliverLater<MediaData>(
                context,
                std::move(done),
                Unexpected(Error::validation(QStringLiteral("media"),
                                             QStringLiteral("Meta media needs a media id or a URL on Meta's hosts"))));
            return;
        }
        MetaWire::MediaInfo info;
        info.url = url;
        info.mimeType = media.mimeType;
        downloadMedia(info, media, false, context, std::move(done));
        return;
    }
    lookupMedia(media, true, context, std::move(done));
}

void MetaCloudProvider::lookupMedia(const MediaRef& media,
                                    bool mayRetry,
                                    QPointer<QObject> context,
                                    Callback<MediaData> done)
{
    if (!context) {
        return;
    }
    QUrl url = endpoint(media.id);
    if (!m_config.phoneNumberId.isEmpty()) {
        url.setQuery(QStringLiteral("phone_number_id=") + m_config.phoneNumberId);
    }
    QNetworkReply* reply = m_network->get(request(url));
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply,
            &QNetworkReply::finished,
            context.data(),
            [this, self = QPointer(this), reply, media, mayRetry, context, done = std::move(done)] {
                Result<MetaWire::MediaInfo> info = MetaWire::parseMediaInfo(HttpResponse::from(*reply));
                if (!info) {
                    qCWarning(lcMeta) << "media lookup failed:" << media.id << info.error().code
                                      << info.error().message;
                    done(Unexpected(info.error()));
                    return;
                }
                if (!self) {
                    return;
                }
                if (!isTrustedMediaHost(info->url)) {
                    qCWarning(lcMeta) << "refusing media URL on host" << info->url.host();
                    Error error;
                    error.code = QStringLiteral("media_host_refused");
                    error.message = QStringLiteral("Meta returned a media URL outside its own hosts");
                    done(Unexpected(error));
                    return;
                }
                downloadMedia(*info, media, mayRetry, context, done);
            });
}

void MetaCloudProvider::downloadMedia(const MetaWire::MediaInfo& info,
                                      const MediaRef& media,
                                      bool mayRetry,
                                      QPointer<QObject> context,
                                      Callback<MediaData> done)
{
    if (!context) {
        return;
    }
    // The download needs the same bearer token as the lookup (§10.1).
    QNetworkReply* reply = m_network->get(request(info.url));
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply,
            &QNetworkReply::finished,
            context.data(),
            [this, self = QPointer(this), reply, info, media, mayRetry, context, done = std::move(done)] {
                const HttpResponse response = HttpResponse::from(*reply);
                if (response.status == 404 && mayRetry && self) {
                    // The URL lives five minutes: ask for a fresh one, once.
                    qCDebug(lcMeta) << "media URL expired, looking up" << media.id << "again";
                    lookupMedia(media, false, context, done);
                    return;
                }
                if (response.status < 200 || response.status > 299) {
                    const Error error = MetaWire::errorFromResponse(response);
                    qCWarning(lcMeta) << "media download failed:" << info.id << error.code << error.message;
                    done(Unexpected(error));
                    return;
                }
                MediaData data;
                data.bytes = response.body;
                data.mimeType = info.mimeType.isEmpty()
                                    ? QString::fromLatin1(response.contentType.split(';').first().trimmed())
                                    : info.mimeType;
                data.fileName = fileNameFromDisposition(reply->rawHeader("Content-Disposition"));
                if (!info.sha256.isEmpty()) {
                    const QByteArray digest = QCryptographicHash::hash(data.bytes, QCryptographicHash::Sha256);
                    if (info.sha256.toLatin1() != digest.toBase64() && info.sha256.toLatin1() != digest.toHex()) {
                        // The form of this field is not confirmed (§10.1), so a mismatch is only reported.
                        qCWarning(lcMeta) << "media" << info.id << "does not match its sha256";
                    }
                }
                qCDebug(lcMeta) << "downloaded media" << info.id << data.bytes.size() << "bytes";
                done(std::move(data));
            });
}

bool MetaCloudProvider::isTrustedMediaHost(const QUrl& url) const
{
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        return false;
    }
    const QString host = url.host().toLower();
    if (host == m_config.apiUrl.host().toLower()) {
        return true;
    }
    static const QStringList metaDomains{QStringLiteral("fbsbx.com"),
                                         QStringLiteral("facebook.com"),
                                         QStringLiteral("fbcdn.net"),
                                         QStringLiteral("whatsapp.net")};
    return url.scheme() == QLatin1String("https")
           && std::any_of(metaDomains.cbegin(), metaDomains.cend(), [&host](const QString& domain) {
                  return host == domain || host.endsWith(QLatin1Char('.') + domain);
              });
}

Result<void> MetaCloudProvider::verifyWebhook(const WebhookRequest& request) const
{
    if (m_config.appSecret.isEmpty()) {
        return {};
    }
    const QByteArray signature = request.header("X-Hub-Signature-256");
    if (signature.isEmpty()) {
        return Unexpected(authenticationError(QStringLiteral("signature_invalid"),
                                              QStringLiteral("The webhook has no X-Hub-Signature-256")));
    }
    if (!MetaSignature::verify(m_config.appSecret.toUtf8(), request.body, signature)) {
        return Unexpected(
            authenticationError(QStringLiteral("signature_invalid"),
                                QStringLiteral("The webhook's X-Hub-Signature-256 does not match its body")));
    }
    return {};
}

Result<QList<WebhookEvent>> MetaCloudProvider::parseWebhook(const WebhookRequest& request) const
{
    return MetaWire::parseWebhook(request.body);
}

Result<QString> MetaCloudProvider::verificationChallenge(const QUrlQuery& query) const
{
    const QString mode = query.queryItemValue(QStringLiteral("hub.mode"), QUrl::FullyDecoded);
    const QString token = query.queryItemValue(QStringLiteral("hub.verify_token"), QUrl::FullyDecoded);
    if (mode.isEmpty() || token.isEmpty()) {
        return Unexpected(authenticationError(QStringLiteral("verify_params_missing"),
                                              QStringLiteral("hub.mode and hub.verify_token are required")));
    }
    if (m_config.verifyToken.isEmpty()) {
        return Unexpected(authenticationError(QStringLiteral("verify_token_invalid"),
                                              QStringLiteral("No verify token is configured")));
    }
    if (mode != QLatin1String("subscribe")
        || !MetaSignature::constantTimeEquals(token.toUtf8(), m_config.verifyToken.toUtf8())) {
        return Unexpected(authenticationError(QStringLiteral("verify_token_invalid"),
                                              QStringLiteral("The verify token does not match")));
    }
    return query.queryItemValue(QStringLiteral("hub.challenge"), QUrl::FullyDecoded);
}
