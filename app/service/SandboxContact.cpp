#include "app/service/SandboxContact.h"

#include "app/AppLogging.h"
#include "providers/emulator/MetaEmulator.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>

namespace
{

constexpr qsizetype kQuoteLength = 160;

QString quoted(const QString& text)
{
    QString simplified = text.simplified();
    if (simplified.size() > kQuoteLength) {
        simplified = simplified.left(kQuoteLength - 1) + QChar(0x2026);
    }
    return QChar(0x201C) + simplified + QChar(0x201D);
}

} // namespace

SandboxContact::SandboxContact(MetaEmulator* emulator, int replyDelayMs, QObject* parent)
    : QObject(parent)
    , m_emulator(emulator)
    , m_replyDelayMs(replyDelayMs)
{
    connect(emulator, &EmulatorBase::messageAccepted, this, &SandboxContact::onAccepted);
}

QString SandboxContact::replyTo(const QJsonObject& accepted)
{
    const QString type = accepted.value(QLatin1String("type")).toString();
    const QJsonObject request = accepted.value(QLatin1String("request")).toObject();
    QString what;
    if (type == QLatin1String("text")) {
        what = quoted(request.value(QLatin1String("text")).toObject().value(QLatin1String("body")).toString());
    } else if (type == QLatin1String("template")) {
        what = QStringLiteral("the template %1")
                   .arg(quoted(
                       request.value(QLatin1String("template")).toObject().value(QLatin1String("name")).toString()));
    } else {
        const QString caption = request.value(type).toObject().value(QLatin1String("caption")).toString();
        what = caption.isEmpty() ? QStringLiteral("your %1").arg(type)
                                 : QStringLiteral("your %1 %2").arg(type, quoted(caption));
    }
    return QStringLiteral("Thanks! This is the FlowChat sandbox answering your message: %1").arg(what);
}

void SandboxContact::onAccepted(const QJsonObject& accepted)
{
    const QString type = accepted.value(QLatin1String("type")).toString();
    const QString to = accepted.value(QLatin1String("to")).toString();
    // Reactions get no answer; the scripted "undeliverable" number never reads anything.
    if (type == QLatin1String("reaction") || to == MetaEmulator::kUndeliverableRecipient || to.isEmpty()) {
        return;
    }
    QTimer::singleShot(m_replyDelayMs, this, [this, accepted] { answer(accepted); });
}

void SandboxContact::answer(const QJsonObject& accepted)
{
    const QJsonObject inbound{{QStringLiteral("from"), accepted.value(QLatin1String("to")).toString()},
                              {QStringLiteral("name"), QStringLiteral("Sandbox contact")},
                              {QStringLiteral("body"), replyTo(accepted)},
                              {QStringLiteral("context_id"), accepted.value(QLatin1String("id")).toString()}};
    postInbound(inbound);
}

QString SandboxContact::sampleCustomerNumber()
{
    return QStringLiteral("+14155550123");
}

QString SandboxContact::sampleCustomerName()
{
    return QStringLiteral("Ana (sample customer)");
}

void SandboxContact::writeFirst()
{
    static const QStringList lines = {
        QStringLiteral("Hi! I ordered a blue backpack on Monday. Can you tell me when it ships?"),
        QStringLiteral("Hello again! Can I still change the delivery address of my order?"),
        QStringLiteral("One more question: do you ship to Portugal?"),
    };
    const QJsonObject inbound{{QStringLiteral("from"), sampleCustomerNumber()},
                              {QStringLiteral("name"), sampleCustomerName()},
                              {QStringLiteral("body"), lines.at(m_firstLines++ % lines.size())}};
    postInbound(inbound);
}

void SandboxContact::postInbound(const QJsonObject& inbound)
{
    if (!m_emulator) {
        return;
    }
    QUrl url = m_emulator->baseUrl();
    url.setPath(QStringLiteral("/_emulator/inbound"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(10'000);
    QNetworkReply* reply = m_network.post(request, QJsonDocument(inbound).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        const QJsonObject answered = QJsonDocument::fromJson(reply->readAll()).object();
        if (reply->error() != QNetworkReply::NoError) {
            qCWarning(lcService) << "sandbox contact could not answer:" << reply->errorString();
            return;
        }
        emit replied(answered.value(QLatin1String("id")).toString());
    });
}
