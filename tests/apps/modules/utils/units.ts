export const unit: string = 'px'
