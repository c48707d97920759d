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

signals:
    void replied(const QString& wamid);

private:
    void onAccepted(const QJsonObject& accepted);
    void answer(const QJsonObject& accepted);

    QPointer<MetaEmulator> m_emulator;
    int m_replyDelayMs;
    QNetworkAccessManager m_network;
};
