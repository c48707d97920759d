#include "ui/team/TeamBanner.h"

#include "app/service/ServiceClient.h"

TeamBanner::TeamBanner(QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("teamBanner"));
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    setMargin(10);
    hide();
}

void TeamBanner::setService(ServiceClient* service)
{
    if (m_service) {
        m_service->disconnect(this);
    }
    m_service = service;
    if (m_service) {
        connect(m_service, &ServiceClient::teamChanged, this, &TeamBanner::update);
    }
    update();
}

void TeamBanner::update()
{
    if (!m_service || !m_service->isTeamConsole()) {
        hide();
        return;
    }
    if (!m_service->isDatabaseReachable()) {
        setProperty("problem", QStringLiteral("database"));
        setText(tr("The team's database does not answer") + QLatin1Char('\n') + m_service->databaseProblem()
                + QLatin1Char('\n')
                + tr("Check that the PostgreSQL server is running and that this computer can reach it (network, "
                     "VPN, firewall). Your drafts are kept, and FlowChat reconnects by itself."));
        // Red with white text: nothing can be sent or read until it is back.
        setStyleSheet(QStringLiteral("QLabel#teamBanner { background: #b3261e; color: white; font-weight: bold; }"));
        show();
        return;
    }
    if (!m_service->isTeamSenderRunning()) {
        setProperty("problem", QStringLiteral("sender"));
        setText(tr("No sender is running: messages you send wait as pending") + QLatin1Char('\n')
                + tr("A FlowChat receiver on the team's database sends for everyone (flowchat --headless). Start "
                     "one, and everything waiting goes out."));
        setStyleSheet(QStringLiteral("QLabel#teamBanner { background: #f6c343; color: #1f1f1f; font-weight: bold; "
                                     "border-bottom: 1px solid #c99a1e; }"));
        show();
        return;
    }
    setProperty("problem", QString());
    hide();
}
