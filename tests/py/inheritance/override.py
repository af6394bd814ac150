class Animal:
    sound = '...'
    def speak(self):
        return type(self).__name__ + ' says ' + self.sound
    def intro(self):
        return 'I speak: ' + self.speak()
class Dog(Animal):
    sound = 'woof'
class Cat(Animal):
    sound = 'meow'
    def speak(self):
        return 'purr... ' + super().speak()
class Kitten(Cat):
    sound = 'mew'
for a in [Animal(), Dog(), Cat(), Kitten()]:
    print(a.intro())
print(isinstance(Kitten(), Animal), issubclass(Kitten, Dog), Kitten.__mro__[1].__name__)
