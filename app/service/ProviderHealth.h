#pragma once

#include "providers/Result.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

class Provider;
class QTimer;

// Whether the provider answers: a light probe (listing templates) at start and every few
// minutes, and right away when a send reports a credential or network problem. The console's
// status bar shows the result; nothing else depends on it.
class ProviderHealth : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Checking,
        Answering,
        Refusing, // it answers, but refuses our credentials or configuration
        Unreachable,
    };
    Q_ENUM(State)

    explicit ProviderHealth(Provider* provider, QObject* parent = nullptr);

    State state() const;
    // The provider's own words for the last failure; empty when answering.
    QString detail() const;

    void setInterval(int ms);

public slots:
    void check();
    // A send or sync failed: refine the state without waiting for the next probe.
    void reportError(const Error& error);

signals:
    void changed(ProviderHealth::State state, const QString& detail);

private:
    void setState(State state, const QString& detail);

    QPointer<Provider> m_provider;
    QTimer* m_timer = nullptr;
    State m_state = State::Checking;
    QString m_detail;
    bool m_probing = false;
};
