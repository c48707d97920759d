#pragma once

#include "providers/emulator/EmulatorOptions.h"

#include <QDateTime>
#include <QHash>
#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <functional>

// A response the emulator will write; copyable so it can wait out a latency delay.
struct EmulatorResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static EmulatorResponse json(int status, const QJsonObject& object);
};

// A webhook the emulator sends to the application under test.
struct OutgoingWebhook
{
    QUrl url;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    int retries = 0; // further attempts after a non-2xx answer, with doubling delay
};

// The parts both provider emulators share: an HTTP server dispatching regex routes, latency and
// fault injection for API routes, webhook delivery with reorder/duplicate knobs, contacts' windows,
// and the admin routes under /_emulator.
class EmulatorBase : public QObject
{
    Q_OBJECT
public:
    explicit EmulatorBase(EmulatorOptions options, QObject* parent = nullptr);
    ~EmulatorBase() override;

    // Starts listening; returns the port, or 0 on failure.
    quint16 listen();
    QUrl baseUrl() const;
    const EmulatorOptions& options() const;

    void addFault(const FaultSpec& fault);
    void clearFaults();
    void setWindowOpen(const QString& contactDigits, bool open);
    bool isWindowOpen(const QString& contactDigits) const;

    // Every message the emulator accepted for sending, in order, as recorded by the subclass.
    QJsonArray acceptedMessages() const;

signals:
    void messageAccepted(const QJsonObject& message);
    void webhookDelivered(const QUrl& url, int httpStatus);

protected:
    using Handler = std::function<EmulatorResponse(const QHttpServerRequest&, const QRegularExpressionMatch&)>;
    enum class RouteKind
    {
        Api, // subject to latency and faults
        Admin // answered at once
    };

    // `pattern` matches the whole path (anchored for you).
    void addRoute(const QByteArray& method, const QString& pattern, Handler handler, RouteKind kind = RouteKind::Api);

    // What the subclass answers for an injected fault of HTTP status or provider error kind.
    virtual EmulatorResponse faultResponse(const FaultSpec& fault) = 0;
    virtual EmulatorResponse notFound(const QHttpServerRequest& request) = 0;
    // Makes a contact send an inbound message; answers the admin route.
    virtual EmulatorResponse simulateInbound(const QJsonObject& request) = 0;

    // Sends one webhook after `delayMs`.
    void deliver(const OutgoingWebhook& webhook, int delayMs);
    // Sends a message's statuses spaced by statusDelayMs, applying the reorder and duplicate knobs.
    void deliverStatuses(QList<OutgoingWebhook> sequence);
    void recordAccepted(const QJsonObject& message);
    void noteInbound(const QString& contactDigits);

    QRandomGenerator& random();
    QString randomHex(int chars);

private:
    struct Route
    {
        QByteArray method;
        QRegularExpression pattern;
        Handler handler;
        RouteKind kind;
    };

    void dispatch(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    std::optional<FaultSpec> takeFault();
    void registerAdminRoutes();
    void attempt(OutgoingWebhook webhook, int attemptNo);

    EmulatorOptions m_options;
    QHttpServer m_server;
    QNetworkAccessManager m_network;
    QList<Route> m_routes;
    QList<FaultSpec> m_faults;
    QRandomGenerator m_random;
    QHash<QString, QDateTime> m_lastInbound;
    QHash<QString, bool> m_windowOverride;
    QJsonArray m_accepted;
    quint16 m_port = 0;
};
