#include "ui/status/CopyableField.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

CopyableField::CopyableField(const QString& caption, QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_copy(new QToolButton(this))
    , m_caption(caption)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->setSpacing(2);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copy->setText(tr("Copy"));
    m_copy->setAutoRaise(true);
    m_copy->setAccessibleName(tr("Copy %1").arg(caption));
    m_copy->setToolTip(tr("Copy to the clipboard"));
    layout->addWidget(m_label);
    layout->addWidget(m_copy);
    connect(m_copy, &QToolButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_value);
        m_copy->setText(tr("Copied"));
        QTimer::singleShot(1500, m_copy, [button = m_copy] { button->setText(tr("Copy")); });
    });
}

void CopyableField::setValue(const QString& value, const QString& emptyText)
{
    m_value = value;
    m_label->setText(tr("%1: %2").arg(m_caption, value.isEmpty() ? emptyText : value));
    m_copy->setVisible(!value.isEmpty());
}

QString CopyableField::value() const
{
    return m_value;
}

QToolButton* CopyableField::copyButton() const
{
    return m_copy;
}
