#include "ui/doctor/DiagnoseWebhooksDialog.h"

#include "app/doctor/WebhookDoctor.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace
{

// A painted check or cross in a coloured disc: readable without colour too.
QIcon markIcon(bool passed)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(passed ? QColor(0x2e, 0xb8, 0x5c) : QColor(0xd9, 0x30, 0x25));
    painter.drawEllipse(QRectF(2, 2, 28, 28));
    QPen pen(Qt::white, 3.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(pen);
    if (passed) {
        painter.drawPolyline(QPolygonF({QPointF(9, 16.5), QPointF(14, 21.5), QPointF(23, 11)}));
    } else {
        painter.drawLine(QPointF(11, 11), QPointF(21, 21));
        painter.drawLine(QPointF(21, 11), QPointF(11, 21));
    }
    return QIcon(pixmap);
}

} // namespace

DiagnoseWebhooksDialog::DiagnoseWebhooksDialog(const Config& config, QWidget* parent)
    : QDialog(parent)
    , m_config(config)
{
    setObjectName(QStringLiteral("diagnoseWebhooks"));
    setWindowTitle(tr("Diagnose webhooks"));
    resize(760, 520);
    auto* layout = new QVBoxLayout(this);
    auto* intro =
        new QLabel(tr("FlowChat checks the settings, the provider, the local receiver, the public URL and the "
                      "webhooks refused lately."),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_checks = new QTreeWidget(this);
    m_checks->setObjectName(QStringLiteral("doctorChecks"));
    m_checks->setAccessibleName(tr("Checks"));
    m_checks->setHeaderHidden(true);
    m_checks->setRootIsDecorated(false);
    m_checks->setWordWrap(true);
    m_checks->setIconSize(QSize(18, 18));
    m_checks->setSelectionMode(QAbstractItemView::NoSelection);
    layout->addWidget(m_checks, 1);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("doctorSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_runAgain = buttons->addButton(tr("Run again"), QDialogButtonBox::ActionRole);
    m_runAgain->setObjectName(QStringLiteral("runAgain"));
    connect(m_runAgain, &QPushButton::clicked, this, &DiagnoseWebhooksDialog::run);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    layout->addWidget(buttons);
}

void DiagnoseWebhooksDialog::run()
{
    if (isRunning()) {
        return;
    }
    m_checks->clear();
    m_lastCheck = nullptr;
    m_summary->setText(tr("Checking…"));
    m_runAgain->setEnabled(false);
    m_doctor = new WebhookDoctor(m_config, this);
    connect(m_doctor, &WebhookDoctor::checked, this, [this](bool passed, const QString& text) {
        m_lastCheck = new QTreeWidgetItem(m_checks, {text});
        m_lastCheck->setIcon(0, markIcon(passed));
        m_lastCheck->setData(0, Qt::UserRole, passed);
        m_lastCheck->setToolTip(0, passed ? tr("Passed") : tr("Failed"));
    });
    connect(m_doctor, &WebhookDoctor::noted, this, [this](const QString& text) {
        auto* detail = m_lastCheck ? new QTreeWidgetItem(m_lastCheck, {text}) : new QTreeWidgetItem(m_checks, {text});
        if (m_lastCheck) {
            m_lastCheck->setExpanded(true);
        }
        detail->setForeground(0, palette().color(QPalette::PlaceholderText));
    });
    connect(m_doctor, &WebhookDoctor::finished, this, [this](bool allPassed) {
        const int failures = m_doctor->failures();
        m_summary->setText(
            allPassed ? tr("Every check passed: webhooks can reach FlowChat.")
                      : tr("%n check(s) failed. The lines under each red mark say how to fix it.", nullptr, failures));
        m_runAgain->setEnabled(true);
        m_doctor->deleteLater();
        emit finished(allPassed);
    });
    m_doctor->run();
}

bool DiagnoseWebhooksDialog::isRunning() const
{
    return m_doctor != nullptr && !m_runAgain->isEnabled();
}

QTreeWidget* DiagnoseWebhooksDialog::checks() const
{
    return m_checks;
}
