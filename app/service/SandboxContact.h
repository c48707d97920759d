#pragma once

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

class MetaEmulator;

// The sandbox's simulated customer: a short while after the in-process emulator accepts a
// message, the recipient "answers" it through the emulator's admin route, so the reply arrives as
// a real signed inbound webhook.
class SandboxContact : public QObject
{
    Q_OBJECT
public:
    SandboxContact(MetaEmulator* emulator, int replyDelayMs, QObject* parent = nullptr);

    // What the contact says back to an accepted message (the emulator's record of it).
    static QString replyTo(const QJsonObject& accepted);

    // The sample customer who writes first (a newcomer's empty sandbox, or "Have a customer write
    // to you"): E.164 number and profile name.
    static QString sampleCustomerNumber();
    static QString sampleCustomerName();
    // The sample customer writes in, through the emulator's signed webhook like any customer;
    // each call says the next of a few lines.
    void writeFirst();

signals:
    void replied(const QString& wamid);

private:
    void onAccepted(const QJsonObject& accepted);
    void answer(const QJsonObject& accepted);
    void postInbound(const QJsonObject& inbound);

    QPointer<MetaEmulator> m_emulator;
    int m_replyDelayMs;
    int m_firstLines = 0; // how many times the sample customer wrote first
    QNetworkAccessManager m_network;
};
