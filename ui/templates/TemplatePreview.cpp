#include "ui/templates/TemplatePreview.h"

#include "providers/Template.h"

#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QUrl>
#include <QVBoxLayout>

namespace
{

QLabel* plainLabel(QWidget* parent, const char* name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

} // namespace

TemplatePreview::TemplatePreview(QWidget* parent)
    : QFrame(parent)
    , m_bubble(new QFrame(this))
{
    setObjectName(QStringLiteral("templatePreview"));
    setAccessibleName(tr("Preview of the message"));
    setAutoFillBackground(true);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(16, 16, 16, 16);
    outer->addWidget(m_bubble, 0, Qt::AlignTop | Qt::AlignRight);
    outer->addStretch();

    m_bubble->setObjectName(QStringLiteral("previewBubble"));
    m_bubble->setAutoFillBackground(true);
    m_bubble->setMinimumWidth(280);
    m_bubble->setMaximumWidth(420);
    auto* column = new QVBoxLayout(m_bubble);
    column->setContentsMargins(10, 8, 10, 8);
    column->setSpacing(4);
    m_header = plainLabel(m_bubble, "previewHeader");
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);
    m_body = plainLabel(m_bubble, "previewBody");
    m_footer = plainLabel(m_bubble, "previewFooter");
    QFont small = m_footer->font();
    small.setPointSizeF(small.pointSizeF() * 0.88);
    m_footer->setFont(small);
    column->addWidget(m_header);
    column->addWidget(m_body);
    column->addWidget(m_footer);
    m_buttons = new QVBoxLayout;
    m_buttons->setSpacing(2);
    column->addLayout(m_buttons);
    applyColours();
    clear();
}

void TemplatePreview::showTemplate(const Template& tmpl, const QString& body, const QString& headerMedia)
{
    m_bubble->show();
    const bool mediaHeader = !tmpl.headerFormat.isEmpty() && tmpl.headerFormat != QLatin1String("TEXT");
    const QString mediaName = QUrl(headerMedia).fileName();
    m_header->setText(!mediaHeader          ? tmpl.headerText
                      : mediaName.isEmpty() ? tr("[%1 header]").arg(tmpl.headerFormat.toLower())
                                            : tr("[%1: %2]").arg(tmpl.headerFormat.toLower(), mediaName));
    m_header->setVisible(!m_header->text().isEmpty());
    m_body->setText(body);
    m_footer->setText(tmpl.footerText);
    m_footer->setVisible(!tmpl.footerText.isEmpty());
    while (QLayoutItem* item = m_buttons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const QString& label : tmpl.buttons) {
        QLabel* button = plainLabel(m_bubble, "previewButton");
        button->setText(label);
        button->setAlignment(Qt::AlignCenter);
        button->setFrameShape(QFrame::StyledPanel);
        QPalette link = button->palette();
        link.setColor(QPalette::WindowText, isDark(palette()) ? QColor(0x53, 0xbd, 0xeb) : QColor(0x02, 0x7e, 0xb5));
        button->setPalette(link);
        m_buttons->addWidget(button);
    }
}

void TemplatePreview::clear()
{
    m_bubble->hide();
    m_body->clear();
}

QString TemplatePreview::bodyText() const
{
    return m_body->text();
}

void TemplatePreview::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    // Our own setPalette() below sends PaletteChange too: follow only the application's.
    if ((event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        && isDark(QApplication::palette()) != m_dark) {
        applyColours();
    }
}

// WhatsApp's chat canvas and outgoing bubble colours, light or dark with the application palette.
void TemplatePreview::applyColours()
{
    const QPalette app = QApplication::palette();
    const bool dark = isDark(app);
    m_dark = dark;
    QPalette canvas = app;
    canvas.setColor(QPalette::Window, dark ? QColor(0x0b, 0x14, 0x1a) : QColor(0xef, 0xea, 0xe2));
    setPalette(canvas);
    QPalette bubble = app;
    bubble.setColor(QPalette::Window, dark ? QColor(0x00, 0x5c, 0x4b) : QColor(0xd9, 0xfd, 0xd3));
    bubble.setColor(QPalette::WindowText, dark ? QColor(0xe9, 0xed, 0xef) : QColor(0x11, 0x1b, 0x21));
    m_bubble->setPalette(bubble);
    QPalette muted = bubble;
    muted.setColor(QPalette::WindowText, dark ? QColor(0x9d, 0xb4, 0xae) : QColor(0x66, 0x78, 0x81));
    m_footer->setPalette(muted);
}
