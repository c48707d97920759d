#include "app/service/ProviderHealth.h"

#include "providers/Provider.h"

#include <QTimer>

namespace
{

constexpr int kDefaultIntervalMs = 5 * 60 * 1000;

ProviderHealth::State stateFor(const Error& error)
{
    switch (error.kind) {
    case Error::Kind::Authentication:
    case Error::Kind::Configuration:
        return ProviderHealth::State::Refusing;
    case Error::Kind::Network:
    case Error::Kind::Timeout:
    case Error::Kind::ServerError:
        return ProviderHealth::State::Unreachable;
    default:
        // A refusal about one message (bad number, closed window) says the provider answers.
        return ProviderHealth::State::Answering;
    }
}

} // namespace

ProviderHealth::ProviderHealth(Provider* provider, QObject* parent)
    : QObject(parent)
    , m_provider(provider)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(kDefaultIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &ProviderHealth::check);
    m_timer->start();
}

ProviderHealth::State ProviderHealth::state() const
{
    return m_state;
}

QString ProviderHealth::detail() const
{
    return m_detail;
}

void ProviderHealth::setInterval(int ms)
{
    m_timer->start(ms);
}

void ProviderHealth::check()
{
    if (!m_provider) {
        setState(State::Refusing, tr("No provider is configured"));
        return;
    }
    if (m_probing) {
        return;
    }
    m_probing = true;
    m_provider->listTemplates(this, [this](Result<QList<Template>> listed) {
        m_probing = false;
        if (listed) {
            setState(State::Answering, {});
        } else {
            const State state = stateFor(listed.error());
            setState(state, state == State::Answering ? QString() : listed.error().message);
        }
    });
}

void ProviderHealth::reportError(const Error& error)
{
    const State state = stateFor(error);
    if (state != State::Answering) {
        setState(state, error.message);
    }
}

void ProviderHealth::setState(State state, const QString& detail)
{
    if (state == m_state && detail == m_detail) {
        return;
    }
    m_state = state;
    m_detail = detail;
    emit changed(state, detail);
}
